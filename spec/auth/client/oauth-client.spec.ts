import { TestScheduler } from 'rxjs/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createOAuthClient, type OAuthClientOptions } from '../../../lib/auth/client/index.js';
import { authorizedFetch } from '../../../lib/transport/http/http-auth.js';
import { AS, fakeOAuthServers, type FakeOptions, RS } from './fake-oauth-servers.js';

const REDIRECT = 'http://127.0.0.1:3000/callback';

function setup(fake: FakeOptions = {}, options: Partial<OAuthClientOptions> = {}) {
  const servers = fakeOAuthServers(fake);
  const scheduler = new TestScheduler(() => undefined);
  const auth = createOAuthClient({
    fetch: servers.fetch,
    scheduler,
    authorize: servers.authorize,
    redirectUri: REDIRECT,
    metadata: { client_name: 'spec', redirect_uris: [REDIRECT] },
    ...options,
  });
  const fetch = authorizedFetch(servers.fetch, auth);
  const call = (method = 'tools/list') =>
    fetch(`${RS}/mcp`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method }) });
  return { ...servers, scheduler, call };
}

describe('createOAuthClient', () => {
  it('answers a 401 with discovery, registration, authorization code + PKCE S256, and retries with the token', async () => {
    const { call, to } = setup({ scopesSupported: ['mcp:read', 'mcp:write'] });
    const response = await call();
    expect(response.status).toBe(200);
    expect(to(`${AS}/register`)).toHaveLength(1);
    const authorization = to(`${AS}/authorize`)[0]!.url.searchParams;
    expect(authorization.get('code_challenge_method')).toBe('S256');
    expect(authorization.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.get('resource')).toBe(`${RS}/mcp`);
    expect(authorization.get('scope')).toBe('mcp:read mcp:write');
    const token = new URLSearchParams(to(`${AS}/token`)[0]!.body);
    expect(token.get('grant_type')).toBe('authorization_code');
    expect(token.get('resource')).toBe(`${RS}/mcp`);
    expect(token.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
    expect(to(`${AS}/token`)[0]!.headers.get('authorization')).toBe(`Basic ${btoa('registered:s3cret')}`);
    expect(to(`${RS}/mcp`).map((r) => r.headers.get('authorization'))).toEqual([null, 'Bearer token-1']);
  });

  it('prefers the scope of the challenge and omits scope when nothing names one', async () => {
    const challenged = setup({ scopesSupported: ['a', 'b'], challengeScope: 'a' });
    await challenged.call();
    expect(challenged.to(`${AS}/authorize`)[0]!.url.searchParams.get('scope')).toBe('a');
    const none = setup();
    await none.call();
    expect(none.to(`${AS}/authorize`)[0]!.url.searchParams.has('scope')).toBe(false);
  });

  it('adds offline_access only when the authorization server lists it', async () => {
    const listed = setup({ scopesSupported: ['mcp'], asScopes: ['mcp', 'offline_access'] });
    await listed.call();
    expect(listed.to(`${AS}/authorize`)[0]!.url.searchParams.get('scope')).toBe('mcp offline_access');
    const unlisted = setup({ scopesSupported: ['mcp'], asScopes: ['mcp'] });
    await unlisted.call();
    expect(unlisted.to(`${AS}/authorize`)[0]!.url.searchParams.get('scope')).toBe('mcp');
  });

  it('uses the client metadata document URL as client_id where supported, without registering', async () => {
    const { call, to } = setup({ cimd: true }, { clientMetadataUrl: 'https://app.example.com/client.json' });
    expect((await call()).status).toBe(200);
    expect(to(`${AS}/register`)).toHaveLength(0);
    expect(to(`${AS}/authorize`)[0]!.url.searchParams.get('client_id')).toBe('https://app.example.com/client.json');
    expect(new URLSearchParams(to(`${AS}/token`)[0]!.body).get('client_id')).toBe(
      'https://app.example.com/client.json',
    );
  });

  it('refuses metadata naming another resource, before any authorization', async () => {
    const { call, to } = setup({ prmResource: 'https://evil.example.com/mcp' });
    await expect(call()).rejects.toThrow(/refusing/);
    expect(to(`${AS}/authorize`)).toHaveLength(0);
  });

  it('refuses authorization server metadata whose issuer is not the one asked for', async () => {
    const { call, to } = setup({ metadataIssuer: 'https://attacker.example.com' });
    await expect(call()).rejects.toThrow();
    expect(to(`${AS}/register`)).toHaveLength(0);
  });

  it.each([
    ['a wrong iss', 'https://evil.example.com'],
    ['an iss differing only by a trailing slash', `${AS}/`],
  ])('rejects an authorization response with %s, without exchanging the code', async (_, iss) => {
    const { call, to } = setup({ iss });
    await expect(call()).rejects.toThrow(/iss/);
    expect(to(`${AS}/token`)).toHaveLength(0);
  });

  it('steps up on 403 insufficient_scope with the union of scopes, at most maxStepUps times in a row', async () => {
    const { call, to } = setup({ challengeScope: 'read', callNeeds: 'write' });
    expect((await call('tools/list')).status).toBe(200);
    expect((await call('tools/call')).status).toBe(200);
    expect(to(`${AS}/authorize`).map((r) => r.url.searchParams.get('scope'))).toEqual(['read', 'read write']);

    const stuck = setup({ challengeScope: 'read', callNeeds: 'admin', denied: ['admin'] }, { maxStepUps: 1 });
    await stuck.call('tools/list');
    expect((await stuck.call('tools/call')).status).toBe(403);
    expect((await stuck.call('tools/call')).status).toBe(403);
    expect(stuck.to(`${AS}/authorize`)).toHaveLength(2);
  });

  it('refreshes a token before it expires, on the scheduler clock', async () => {
    const { call, to, scheduler } = setup({ expiresIn: 3600, refreshToken: true });
    await call();
    scheduler.frame = 3600_000 - 60_001;
    await call();
    expect(to(`${AS}/token`)).toHaveLength(1);
    scheduler.frame = 3600_000 - 59_999;
    await call();
    const grants = to(`${AS}/token`).map((r) => new URLSearchParams(r.body).get('grant_type'));
    expect(grants).toEqual(['authorization_code', 'refresh_token']);
    expect(to(`${RS}/mcp`).at(-1)!.headers.get('authorization')).toBe('Bearer token-2');
  });

  it('performs a client credentials grant with a pre-registered client, no user agent', async () => {
    const { call, to } = setup(
      {},
      {
        grant: { type: 'client_credentials' },
        preRegistered: { client_id: 'svc', client_secret: 'pw' },
        authorize: undefined,
      },
    );
    expect((await call()).status).toBe(200);
    expect(new URLSearchParams(to(`${AS}/token`)[0]!.body).get('grant_type')).toBe('client_credentials');
    expect(to(`${AS}/token`)[0]!.headers.get('authorization')).toBe(`Basic ${btoa('svc:pw')}`);
    expect(to(`${AS}/authorize`)).toHaveLength(0);
  });

  it('binds tokens with DPoP when the server supports it: a proof at the token endpoint and a fresh one per request', async () => {
    const { call, to } = setup({ dpopAlgs: ['ES256'] });
    await call();
    await call();
    const tokenProof = to(`${AS}/token`)[0]!.headers.get('dpop')!;
    expect(decodeProtectedHeader(tokenProof)).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
    expect(decodeJwt(tokenProof)).toMatchObject({ htm: 'POST', htu: `${AS}/token` });
    const [, first, second] = to(`${RS}/mcp`);
    expect(first!.headers.get('authorization')).toBe('DPoP token-1');
    const proofs = [first!, second!].map((r) => decodeJwt(r.headers.get('dpop')!));
    expect(proofs[0]).toMatchObject({ htm: 'POST', htu: `${RS}/mcp` });
    expect(typeof proofs[0]!['ath']).toBe('string');
    expect(proofs[0]!.jti).not.toBe(proofs[1]!.jti);
  });

  it('answers use_dpop_nonce from the token endpoint and from the resource with one retry each, carrying the nonce', async () => {
    const { call, to } = setup({ dpopAlgs: ['ES256'], asNonce: 'as-n', rsNonce: 'rs-n' });
    expect((await call()).status).toBe(200);
    expect(to(`${AS}/token`).map((r) => decodeJwt(r.headers.get('dpop')!)['nonce'])).toEqual([undefined, 'as-n']);
    expect(to(`${RS}/mcp`).map((r) => r.headers.get('dpop') && decodeJwt(r.headers.get('dpop')!)['nonce'])).toEqual([
      null,
      undefined,
      'rs-n',
    ]);
    expect((await call()).status).toBe(200);
    expect(to(`${RS}/mcp`)).toHaveLength(4);
  });
});
