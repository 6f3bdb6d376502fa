/**
 * A real OpenID provider (`oidc-provider`) for the integration specs, run as a child process (it is
 * ESM-only and wants a newer Node than jest's CommonJS runtime offers). It listens on a free port
 * and prints `serving on http://127.0.0.1:PORT` on stderr; the issuer is that URL.
 *
 * - Clients: `app` (public, authorization code + PKCE + refresh), `machine` (client credentials,
 *   `client_secret_basic`), `rs` (the resource server, for introspection); dynamic registration on.
 *   `app-short` and `machine-short` are the same but their access tokens live {@link SHORT_TTL}
 *   seconds (the refresh and expiry specs).
 * - Resource indicators (RFC 8707): every resource gets JWT access tokens (ES256) with `aud` set to
 *   it and scopes `mcp:tools files:write`; DPoP (RFC 9449) on; refresh tokens for every grant allowing them.
 * - `--browser-origin ORIGIN` adds `browser-app`: public, authorization code + PKCE, redirecting to
 *   `ORIGIN/oauth-callback.html` (a page in Chromium; the token endpoint answers its origin's CORS).
 * - Interactions are scripted, no HTML: `GET /interaction/:uid` says which prompt is pending (JSON),
 *   `POST /interaction/:uid/login` (form `account`) signs in, `POST /interaction/:uid/consent`
 *   grants everything requested.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type ClientMetadata } from 'oidc-provider';

const RESOURCE_SCOPES = 'mcp:tools files:write';
/** Seconds an access token of a `*-short` client lives. */
const SHORT_TTL = 5;

async function main(): Promise<void> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'es256-1', alg: 'ES256', use: 'sig' };
  const { privateKey: rsa } = await generateKeyPair('RS256', { extractable: true });
  const rsaSigning = { ...(await exportJWK(rsa)), kid: 'rs256-1', alg: 'RS256', use: 'sig' };

  let provider: Provider | undefined;
  const http = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/'))
      return void interaction(provider, req, res).catch((error: Error) => res.writeHead(500).end(error.message));
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const at = process.argv.indexOf('--browser-origin');
  const browserOrigin = at > 0 ? process.argv[at + 1] : undefined;
  const browserClients: ClientMetadata[] = browserOrigin
    ? [
        {
          client_id: 'browser-app',
          token_endpoint_auth_method: 'none',
          redirect_uris: [`${browserOrigin}/oauth-callback.html`],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
        },
      ]
    : [];
  provider = new Provider(issuer, {
    clients: [
      ...browserClients,
      {
        client_id: 'app',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: 'app-short',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: 'machine',
        client_secret: 'machine-secret',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: 'machine-short',
        client_secret: 'machine-secret',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      { client_id: 'rs', client_secret: 'rs-secret', grant_types: [], response_types: [], redirect_uris: [] },
    ],
    jwks: { keys: [signing, rsaSigning] },
    // The resource scopes are listed too: dynamically registered clients (the official SDK) name them in `scope`.
    scopes: ['openid', 'offline_access', ...RESOURCE_SCOPES.split(' ')],
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      registration: { enabled: true },
      dPoP: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, _client, oneOf) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => ({
          scope: RESOURCE_SCOPES,
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: client.clientId.endsWith('-short') ? SHORT_TTL : 600,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  process.stderr.write(`serving on ${issuer}\n`);
}

/** The scripted user: what the pending prompt is, signing in, and consenting to everything asked. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const action = req.url!.split('?')[0]!.split('/')[3];
  if (req.method === 'GET' && action === undefined) {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name, details: details.prompt.details }));
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const account = new URLSearchParams(await body(req)).get('account') ?? 'alice';
    await provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'consent') {
    const { prompt, params, session } = details;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session!.accountId, clientId: params['client_id'] as string });
    const missing = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant!.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant!.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(404).end();
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

void main();
