/**
 * OAuth on the WebSocket transport, against a protected rxmcp server and a real OpenID provider:
 * the `/ws` upgrade guarded like `/mcp` (401 and `WWW-Authenticate`), rxmcp's McpClient over
 * `createNodeWebSocketClientTransport({ auth })` authorizing on the refused upgrade (Bearer and
 * DPoP), and a token expiring under an open connection: the server closes it (4401), the client
 * refreshes, reconnects and carries on with the same session.
 */
import { decodeJwt } from 'jose';
import WebSocket from 'ws';
import { firstValueFrom } from 'rxjs';
import { type ClientState, McpClient } from '../../lib/client/index.js';
import { createNodeWebSocketClientTransport } from '../../lib/node/clients/index.js';
import type { HttpAuthProvider } from '../../lib/transport/http/http-auth.js';
import { TOKEN_EXPIRED_CLOSE_CODE } from '../../lib/auth/server/index.js';
import { until } from '../support/until.js';
import { useProviderBench } from './support/authorizing-client.js';
import { basic, tokenRequest } from './support/oauth-user-agent.js';
import type { Identity, ProtectedServing } from './support/protected-server.js';

const ROOT = `${__dirname}/../..`;

/** Opens `url` with `headers`; resolves with the refusal or the socket's first close. */
function upgrade(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status?: number; challenge?: string; closed?: { code: number; reason: string } }>((resolve) => {
    const socket = new WebSocket(url, 'mcp', { headers });
    socket.on('error', () => undefined);
    socket.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode, challenge: res.headers['www-authenticate'] });
      res.destroy();
    });
    socket.on('close', (code, reason) => resolve({ closed: { code, reason: reason.toString() } }));
  });
}

describe('OAuth over WebSocket with a real OpenID provider', () => {
  const bench = useProviderBench(ROOT);
  let issuer: string;
  let serving: ProtectedServing;
  beforeAll(() => {
    ({ issuer, serving } = bench);
  });
  const make = (options: Parameters<typeof bench.client>[0] = {}) =>
    bench.client({ url: serving.ws, transport: 'websocket', ...options });

  it('guards the /ws upgrade like /mcp: 401 with the challenge, and the connection ends when its token expires', async () => {
    const refused = await upgrade(serving.ws);
    expect(refused).toEqual({
      status: 401,
      challenge: `Bearer resource_metadata="${serving.served.url}/.well-known/oauth-protected-resource/mcp", scope="mcp:tools"`,
    });
    const short = await tokenRequest(
      issuer,
      { grant_type: 'client_credentials', scope: 'mcp:tools', resource: serving.mcp },
      basic('machine-short', 'machine-secret'),
    );
    const started = Date.now();
    const ended = await upgrade(serving.ws, { authorization: `Bearer ${short.access_token}` });
    expect(ended.closed).toEqual({
      code: TOKEN_EXPIRED_CLOSE_CODE,
      reason: expect.stringMatching(/access token expired/),
    });
    // Closed at the token's expiry, not at once.
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });

  it('authorizes the McpClient on the refused upgrade (code + PKCE, scripted consent) and calls over the socket', async () => {
    const app = make();
    app.hold();
    const who = JSON.parse(await app.call('whoami')) as Identity;
    expect(who).toEqual({ subject: 'alice', clientId: 'app', scopes: ['mcp:tools'], scheme: 'Bearer' });
    expect(app.opened).toHaveLength(1);
    expect(app.opened[0]!.searchParams.get('resource')).toBe(serving.mcp);
    // The token on the upgrade is the one the client holds.
    expect(await app.call('token-id')).toBe(decodeJwt((await app.tokens())!.access_token).jti);
    expect(serving.served.sessionCount).toBe(1);
  });

  it('sends DPoP-bound tokens with a proof on the upgrade', async () => {
    const app = make({ dpop: 'auto' });
    app.hold();
    expect(JSON.parse(await app.call('whoami'))).toMatchObject({ subject: 'alice', scheme: 'DPoP' });
    expect((await app.tokens())!.token_type).toBe('dpop');
  });

  it('refreshes and reconnects when the server closes the socket at token expiry; the session carries on', async () => {
    const app = make({
      preRegistered: { client_id: 'app-short', token_endpoint_auth_method: 'none' },
      refreshMargin: 0,
    });
    const states: ClientState['status'][] = [];
    const watching = app.client.state$.subscribe((state) => states.push(state.status));
    app.hold();
    try {
      const first = await app.call('token-id');
      const inFlight = app.call('hang').then(
        () => 'answered',
        (error: Error) => error.message,
      );
      await until(
        () => states.includes('reconnecting') && states.at(-1) === 'ready',
        'the expiry close and the reconnection',
        30_000,
      );
      const second = await app.call('token-id');
      expect(second).not.toBe(first);
      expect(app.opened).toHaveLength(1);
      // The server dropped the request in flight at the close: it fails, and is not sent again.
      expect(await inFlight).toMatch(/access token expired.*not answered/);
      // One connection throughout: ready ⇄ reconnecting, never closed.
      expect(states).not.toContain('closed');
      expect(serving.served.sessionCount).toBe(1);
    } finally {
      watching.unsubscribe();
    }
  });

  it('gives up on an upgrade still refused after the challenges it may answer, with the status, and on a flow that fails', async () => {
    const challenges: (string | null)[] = [];
    const stubborn: HttpAuthProvider = {
      headers: async () => ({ authorization: 'Bearer not-a-token' }),
      challenged: async (response) => {
        challenges.push(response.headers.get('www-authenticate'));
        return true;
      },
    };
    const refused = new McpClient(() => createNodeWebSocketClientTransport(serving.ws, { auth: stubborn }));
    await expect(firstValueFrom(refused.callTool({ name: 'whoami', arguments: {} }))).rejects.toThrow(
      /refused: HTTP 401/,
    );
    expect(challenges).toHaveLength(2);
    expect(challenges[0]).toContain('error="invalid_token"');

    const declined = make({
      authorize: async () => {
        throw new Error('the user declined');
      },
    });
    await expect(declined.call('whoami')).rejects.toThrow(/the user declined/);
  });
});
