/**
 * rxmcp's own McpClient (its OAuth client, `createOAuthClient`) against a protected rxmcp server
 * and a real OpenID provider (`oidc-provider`, spec/auth/support): authorization code + PKCE with
 * a scripted consent, refresh before expiry and on a 401, step-up with its retry limit, DPoP-bound
 * tokens, and client credentials — every call site a plain `callTool`.
 */
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { decodeJwt } from 'jose';
import { until } from '../support/until.js';
import { useProviderBench } from './support/authorizing-client.js';
import type { Identity } from './support/protected-server.js';

const ROOT = `${__dirname}/../..`;

/** A POST to `mcp` with only the given credentials (what a thief holding the access token could send). */
async function presentStolen(mcp: string, headers: Record<string, string>) {
  const response = await fetch(mcp, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'thief', version: '1' } },
    }),
  });
  await response.arrayBuffer();
  return { status: response.status, challenge: response.headers.get('www-authenticate') };
}

describe("rxmcp's McpClient authorizing at a real OpenID provider for a protected rxmcp server", () => {
  // No leeway on `exp`: an expired token is refused at once (the refresh-on-401 spec).
  const bench = useProviderBench(ROOT, 0);
  const make = bench.client;
  let mcp: string;
  beforeAll(() => {
    ({ mcp } = bench.serving);
  });

  it('runs authorization code + PKCE through the scripted consent on the first 401, then calls with the token', async () => {
    const app = make();
    const who = JSON.parse(await app.call('whoami')) as Identity;
    expect(who).toEqual({ subject: 'alice', clientId: 'app', scopes: ['mcp:tools'], scheme: 'Bearer' });
    expect(app.opened).toHaveLength(1);
    const asked = app.opened[0]!.searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('resource')).toBe(mcp);
    expect(asked.get('scope')!.split(' ')).toContain('mcp:tools');
    expect(app.statuses[0]).toBe(401);
    expect(decodeJwt((await app.tokens())!.access_token)).toMatchObject({ aud: mcp, sub: 'alice', client_id: 'app' });
    // The token is kept: the next call needs no consent and meets no challenge.
    const before = app.statuses.length;
    expect(JSON.parse(await app.call('whoami'))).toMatchObject({ subject: 'alice' });
    expect(app.opened).toHaveLength(1);
    expect(app.statuses.slice(before).every((status) => status < 300)).toBe(true);
  });

  it('refreshes a short-lived access token before it expires, with no 401 and no new consent', async () => {
    const app = make({
      preRegistered: { client_id: 'app-short', token_endpoint_auth_method: 'none' },
      refreshMargin: 1_500,
    });
    const first = await app.call('token-id');
    const held = (await app.tokens())!;
    expect(held.refresh_token).toBeDefined();
    expect(held.expires_at! - Date.now()).toBeLessThanOrEqual(5_000);
    await until(() => Date.now() >= held.expires_at! - 1_500, 'the refresh margin before expiry', 30_000);
    const before = app.statuses.length;
    const second = await app.call('token-id');
    expect(second).not.toBe(first);
    expect((await app.tokens())!.access_token).not.toBe(held.access_token);
    expect(app.statuses.slice(before)).not.toContain(401);
    expect(app.opened).toHaveLength(1);
  });

  it('refreshes on the 401 of an expired token the client still believed in (its clock stands still)', async () => {
    const frozen = Date.now();
    const stoppedClock: SchedulerLike = { now: () => frozen, schedule: asyncScheduler.schedule.bind(asyncScheduler) };
    const app = make({
      preRegistered: { client_id: 'app-short', token_endpoint_auth_method: 'none' },
      scheduler: stoppedClock,
      refreshMargin: 0,
    });
    const first = await app.call('token-id');
    const { exp } = decodeJwt((await app.tokens())!.access_token);
    await until(() => Date.now() >= (exp! + 1) * 1000, 'the access token to expire', 30_000);
    const before = app.statuses.length;
    const second = await app.call('token-id');
    expect(second).not.toBe(first);
    expect(app.statuses.slice(before)).toContain(401);
    expect(app.opened).toHaveLength(1);
  });

  it('steps up on 403 insufficient_scope to the scope the server names, and gives up after maxStepUps', async () => {
    const app = make({ maxStepUps: 1 });
    expect(JSON.parse(await app.call('whoami'))).toMatchObject({ scopes: ['mcp:tools'] });
    expect(await app.call('write-file')).toBe('written for alice');
    expect(app.opened).toHaveLength(2);
    expect(app.opened[1]!.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['mcp:tools', 'files:write']),
    );
    expect(app.statuses).toContain(403);
    expect(decodeJwt((await app.tokens())!.access_token)['scope']).toBe('mcp:tools files:write');

    // The provider never grants `files:admin`: one more consent, then the 403 reaches the caller.
    await expect(app.call('administer')).rejects.toThrow(/403|insufficient_scope/);
    expect(app.opened).toHaveLength(3);
    expect(app.opened[2]!.searchParams.get('scope')!.split(' ')).toContain('files:admin');
  });

  it('binds tokens with DPoP when the provider offers it; the stolen token alone is refused', async () => {
    const app = make({ dpop: 'auto' });
    expect(JSON.parse(await app.call('whoami'))).toMatchObject({ subject: 'alice', scheme: 'DPoP' });
    const held = (await app.tokens())!;
    expect(held.token_type).toBe('dpop');
    expect(decodeJwt(held.access_token)['cnf']).toEqual({ jkt: expect.any(String) });
    const asBearer = await presentStolen(mcp, { authorization: `Bearer ${held.access_token}` });
    expect(asBearer.status).toBe(401);
    const withoutProof = await presentStolen(mcp, { authorization: `DPoP ${held.access_token}` });
    expect(withoutProof.status).toBe(401);
    expect(withoutProof.challenge).toMatch(/^DPoP /);
  });

  it('uses client credentials (no user, no consent) as a pre-registered confidential client', async () => {
    const machine = make({
      preRegistered: {
        client_id: 'machine',
        client_secret: 'machine-secret',
        token_endpoint_auth_method: 'client_secret_basic',
      },
      grant: { type: 'client_credentials' },
      authorize: undefined,
      redirectUri: undefined,
    });
    const who = JSON.parse(await machine.call('whoami')) as Identity;
    // oidc-provider makes the client its own subject.
    expect(who).toEqual({ subject: 'machine', clientId: 'machine', scopes: ['mcp:tools'], scheme: 'Bearer' });
    expect(machine.opened).toHaveLength(0);
    expect((await machine.tokens())!.refresh_token).toBeUndefined();
  });
});
