/**
 * rxmcp's protected server against a real OpenID provider (`oidc-provider`, a child process):
 * authorization code + PKCE with a scripted consent, refresh, step-up, client credentials,
 * DPoP-bound and JWT access tokens (resource indicators), the official SDK client, and
 * `rxmcp run --oauth-issuer`.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { ServingChild } from '../support/serving-child.js';
import { BUILD_TIMEOUT_MS, serveEverythingCli } from '../everything/built-cli.js';
import {
  authorizationUrl,
  authorizeAsUser,
  basic,
  dpopKey,
  pkce,
  REDIRECT_URI,
  startProvider,
  tokenRequest,
} from './support/oauth-user-agent.js';
import { serveProtected, type ProtectedServing } from './support/protected-server.js';

const ROOT = `${__dirname}/../..`;
const MODERN = '2026-07-28';

/** One 2026-07-28 `tools/call` (a single POST), with the given `Authorization` (and `DPoP`) headers. */
async function callTool(url: string, name: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': MODERN,
      'mcp-method': 'tools/call',
      'mcp-name': name,
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name,
        arguments: {},
        _meta: {
          'io.modelcontextprotocol/protocolVersion': MODERN,
          'io.modelcontextprotocol/clientCapabilities': {},
          'io.modelcontextprotocol/clientInfo': { name: 'spec', version: '1' },
        },
      },
    }),
  });
  const text = await response.text();
  const body = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
    body,
    text: body?.result?.content?.[0]?.text as string | undefined,
  };
}

describe('a protected rxmcp server and a real OpenID provider', () => {
  let provider: ServingChild;
  let issuer: string;
  let protectedServing: ProtectedServing;
  let served: ProtectedServing['served'];
  let mcp: string;

  beforeAll(async () => {
    provider = await startProvider(ROOT);
    issuer = provider.url;
    protectedServing = await serveProtected(issuer);
    ({ served, mcp } = protectedServing);
  }, 60_000);
  afterAll(async () => {
    await protectedServing?.close();
    await provider?.stop();
  });

  /** Authorization code + PKCE, consent scripted: the token answer. */
  async function signIn(scope: string) {
    const { verifier, challenge } = await pkce();
    const query = await authorizeAsUser(authorizationUrl(issuer, { scope, resource: mcp, challenge }));
    expect(query.get('iss')).toBe(issuer);
    return tokenRequest(issuer, {
      grant_type: 'authorization_code',
      code: query.get('code')!,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: 'app',
      resource: mcp,
    });
  }

  it('runs authorization code + PKCE with consent, and the JWT access token for the resource reaches handlers as ctx.auth', async () => {
    const tokens = await signIn('mcp:tools');
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: mcp, iss: issuer, sub: 'alice', scope: 'mcp:tools' });
    const who = await callTool(mcp, 'whoami', { authorization: `Bearer ${tokens.access_token}` });
    expect(who.status).toBe(200);
    expect(JSON.parse(who.text!)).toEqual({
      subject: 'alice',
      clientId: 'app',
      scopes: ['mcp:tools'],
      scheme: 'Bearer',
    });
  });

  it('refuses no token and a forged one with 401 and a challenge the client can follow to the provider', async () => {
    const none = await callTool(mcp, 'whoami', {});
    expect(none.status).toBe(401);
    expect(none.challenge).toBe(
      `Bearer resource_metadata="${served.url}/.well-known/oauth-protected-resource/mcp", scope="mcp:tools"`,
    );
    const metadata = await (await fetch(`${served.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(metadata).toMatchObject({ resource: mcp, authorization_servers: [issuer] });
    const tokens = await signIn('mcp:tools');
    const [header, payload] = tokens.access_token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(tokens.access_token), scope: 'mcp:tools files:write' })).toString('base64url')}.${tokens.access_token.split('.')[2]}`;
    expect(payload).not.toBe(forged.split('.')[1]);
    const refused = await callTool(mcp, 'write-file', { authorization: `Bearer ${forged}` });
    expect(refused.status).toBe(401);
    expect(refused.challenge).toContain('error="invalid_token"');
  });

  it('refreshes: the refresh token buys a new access token the server accepts', async () => {
    const first = await signIn('mcp:tools');
    expect(first.refresh_token).toBeDefined();
    const refreshed = await tokenRequest(issuer, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token!,
      client_id: 'app',
      resource: mcp,
    });
    expect(refreshed.access_token).not.toBe(first.access_token);
    const who = await callTool(mcp, 'whoami', { authorization: `Bearer ${refreshed.access_token}` });
    expect(JSON.parse(who.text!)).toMatchObject({ subject: 'alice', scopes: ['mcp:tools'] });
  });

  it('steps up: a tool needing more scope answers 403 insufficient_scope, and a token with the scope it names gets in', async () => {
    const narrow = await signIn('mcp:tools');
    const refused = await callTool(mcp, 'write-file', { authorization: `Bearer ${narrow.access_token}` });
    expect(refused.status).toBe(403);
    expect(refused.challenge).toContain('error="insufficient_scope"');
    const scope = /scope="([^"]+)"/.exec(refused.challenge!)![1]!;
    expect(scope.split(' ').sort()).toEqual(['files:write', 'mcp:tools']);
    const wide = await signIn(scope);
    const written = await callTool(mcp, 'write-file', { authorization: `Bearer ${wide.access_token}` });
    expect(written).toMatchObject({ status: 200, text: 'written for alice' });
  });

  it('accepts client credentials tokens (no user)', async () => {
    const tokens = await tokenRequest(
      issuer,
      { grant_type: 'client_credentials', scope: 'mcp:tools', resource: mcp },
      basic('machine', 'machine-secret'),
    );
    const who = await callTool(mcp, 'whoami', { authorization: `Bearer ${tokens.access_token}` });
    expect(JSON.parse(who.text!)).toMatchObject({ clientId: 'machine', scopes: ['mcp:tools'] });
  });

  it('accepts DPoP-bound tokens with a proof per request, and refuses them as bearer tokens or with a replayed proof', async () => {
    const key = await dpopKey();
    const tokens = await tokenRequest(
      issuer,
      { grant_type: 'client_credentials', scope: 'mcp:tools', resource: mcp },
      { ...basic('machine', 'machine-secret'), dpop: await key.proof('POST', `${issuer}/token`) },
    );
    expect(tokens.token_type).toBe('DPoP');
    expect(decodeJwt(tokens.access_token)['cnf']).toEqual({ jkt: key.jkt });
    const proof = await key.proof('POST', mcp, tokens.access_token);
    const who = await callTool(mcp, 'whoami', { authorization: `DPoP ${tokens.access_token}`, dpop: proof });
    expect(JSON.parse(who.text!)).toMatchObject({ clientId: 'machine', scheme: 'DPoP' });
    const replayed = await callTool(mcp, 'whoami', { authorization: `DPoP ${tokens.access_token}`, dpop: proof });
    expect(replayed.status).toBe(401);
    expect(replayed.challenge).toMatch(/^DPoP .*error="invalid_dpop_proof"/);
    const asBearer = await callTool(mcp, 'whoami', { authorization: `Bearer ${tokens.access_token}` });
    expect(asBearer.status).toBe(401);
  });

  it('refuses a token the provider issued for another resource (RFC 8707 audience)', async () => {
    const tokens = await tokenRequest(
      issuer,
      { grant_type: 'client_credentials', scope: 'mcp:tools', resource: 'http://127.0.0.1:1/mcp' },
      basic('machine', 'machine-secret'),
    );
    const refused = await callTool(mcp, 'whoami', { authorization: `Bearer ${tokens.access_token}` });
    expect(refused.status).toBe(401);
    expect(refused.challenge).toContain('error="invalid_token"');
  });

  it('serves the official SDK client, which discovers, registers, authorizes and calls on its own', async () => {
    let authorizeAt: URL | undefined;
    let info: OAuthClientInformationMixed | undefined;
    let saved: OAuthTokens | undefined;
    let verifier = '';
    const authProvider: OAuthClientProvider = {
      get redirectUrl() {
        return REDIRECT_URI;
      },
      get clientMetadata(): OAuthClientMetadata {
        return {
          client_name: 'sdk spec',
          redirect_uris: [REDIRECT_URI],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
        };
      },
      clientInformation: () => info,
      saveClientInformation: (value) => {
        info = value;
      },
      tokens: () => saved,
      saveTokens: (value) => {
        saved = value;
      },
      redirectToAuthorization: (url) => {
        authorizeAt = url;
      },
      saveCodeVerifier: (value) => {
        verifier = value;
      },
      codeVerifier: () => verifier,
    };
    const first = new StreamableHTTPClientTransport(new URL(mcp), { authProvider });
    await expect(new Client({ name: 'sdk', version: '1' }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(info?.client_id).toBeDefined();
    expect(authorizeAt?.searchParams.get('resource')).toBe(mcp);
    const query = await authorizeAsUser(authorizeAt!.href);
    await first.finishAuth(query.get('code')!);
    expect(decodeJwt(saved!.access_token)).toMatchObject({ aud: mcp, sub: 'alice' });

    const client = new Client({ name: 'sdk', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp), { authProvider }));
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({
      subject: 'alice',
      clientId: info!.client_id,
      scheme: 'Bearer',
    });
    await client.close();
  });

  it(
    'protects `rxmcp run --oauth-issuer`: metadata naming the issuer, tokens for the server URL accepted',
    async () => {
      const cli = await serveEverythingCli(['--oauth-issuer', issuer]);
      try {
        const metadata = await (await fetch(`${cli.url}/.well-known/oauth-protected-resource/mcp`)).json();
        expect(metadata).toMatchObject({ resource: `${cli.url}/mcp`, authorization_servers: [issuer] });
        const unauthorized = await fetch(`${cli.url}/mcp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: '{}',
        });
        expect(unauthorized.status).toBe(401);
        const tokens = await tokenRequest(
          issuer,
          { grant_type: 'client_credentials', scope: 'mcp:tools', resource: `${cli.url}/mcp` },
          basic('machine', 'machine-secret'),
        );
        const listed = await fetch(`${cli.url}/mcp`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            authorization: `Bearer ${tokens.access_token}`,
          },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'initialize',
            params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'spec', version: '1' } },
          }),
        });
        expect(listed.status).toBe(200);
      } finally {
        await cli.stop();
      }
    },
    BUILD_TIMEOUT_MS,
  );
});
