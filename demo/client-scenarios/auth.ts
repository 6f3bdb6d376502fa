/**
 * The `auth/*` client scenarios: one `createOAuthClient` per scenario, configured from what the
 * suite hands over (`MCP_CONFORMANCE_CONTEXT`: pre-registered clients, keys, assertions), with a
 * headless user agent that follows the authorization server's redirect. On 2025 revisions it is
 * McpClient over Streamable HTTP; on 2026-07-28 (`MCP_CONFORMANCE_PROTOCOL_VERSION`) two stateless
 * requests (`tools/list`, `tools/call`) through the same authorizing fetch.
 */
import { lastValueFrom } from 'rxjs';
import { createOAuthClient, enterpriseManagedGrant, type OAuthClientOptions } from '../../lib/auth/client/index.js';
import { McpClient } from '../../lib/client/index.js';
import { MetaKey, MODERN_PROTOCOL_VERSION } from '../../lib/protocol/modern.js';
import {
  authorizedFetch,
  createStreamableHttpClientTransport,
  type HttpAuthProvider,
} from '../../lib/transport/http/index.js';
import type { ClientScenario } from './types.js';

const REDIRECT_URI = 'http://localhost:3000/callback';
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';
const clientInfo = { name: 'rxmcp-everything-client', version: '1.0.0' };

/** The user agent of a test: the authorization server redirects at once; its Location is the callback. */
async function followRedirect(url: URL): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`No redirect from ${url.href} (${response.status})`);
  return location;
}

const base: OAuthClientOptions = {
  metadata: { client_name: clientInfo.name, redirect_uris: [REDIRECT_URI], application_type: 'native' },
  clientMetadataUrl: CLIENT_METADATA_URL,
  redirectUri: REDIRECT_URI,
  authorize: followRedirect,
};

const context = (): Record<string, string> =>
  JSON.parse(process.env['MCP_CONFORMANCE_CONTEXT'] ?? '{}') as Record<string, string>;

/** The scenario's work: list the tools and call the first, through `auth`. */
function authorized(options: () => OAuthClientOptions): ClientScenario {
  return async (url) => {
    const auth = createOAuthClient(options());
    if (process.env['MCP_CONFORMANCE_PROTOCOL_VERSION'] === MODERN_PROTOCOL_VERSION) return statelessWork(url, auth);
    const client = new McpClient(() => createStreamableHttpClientTransport(url, { auth }), { clientInfo });
    const tools = await lastValueFrom(client.listTools());
    return lastValueFrom(client.callTool({ name: tools[0]!.name, arguments: {} }));
  };
}

async function statelessWork(url: URL, auth: HttpAuthProvider): Promise<unknown> {
  const fetch = authorizedFetch(globalThis.fetch, auth);
  let id = 0;
  const call = async (method: string, params: Record<string, unknown> = {}) => {
    const _meta = {
      [MetaKey.protocolVersion]: MODERN_PROTOCOL_VERSION,
      [MetaKey.clientCapabilities]: {},
      [MetaKey.clientInfo]: clientInfo,
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': MODERN_PROTOCOL_VERSION,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: { ...params, _meta } }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      result?: Record<string, unknown>;
      error?: { message: string };
    };
    if (!response.ok || !body.result)
      throw new Error(`${method}: HTTP ${response.status} ${body.error?.message ?? ''}`);
    return body.result;
  };
  const { tools } = (await call('tools/list')) as { tools: Array<{ name: string }> };
  return call('tools/call', { name: tools[0]!.name, arguments: {} });
}

const interactive = authorized(() => base);

export const authScenarios: Record<string, ClientScenario> = Object.fromEntries([
  ...[
    'metadata-default',
    'metadata-var1',
    'metadata-var2',
    'metadata-var3',
    'basic-cimd',
    'scope-from-www-authenticate',
    'scope-from-scopes-supported',
    'scope-omitted-when-undefined',
    'scope-step-up',
    'scope-retry-limit',
    'token-endpoint-auth-basic',
    'token-endpoint-auth-post',
    'token-endpoint-auth-none',
    '2025-03-26-oauth-metadata-backcompat',
    '2025-03-26-oauth-endpoint-fallback',
    'resource-mismatch',
    'offline-access-scope',
    'offline-access-not-supported',
    'authorization-server-migration',
    'iss-supported',
    'iss-not-advertised',
    'iss-supported-missing',
    'iss-wrong-issuer',
    'iss-unexpected',
    'iss-normalized',
    'metadata-issuer-mismatch',
    'dpop',
    'dpop-nonce',
  ].map((name) => [`auth/${name}`, interactive]),
  [
    'auth/pre-registration',
    authorized(() => ({
      ...base,
      preRegistered: { client_id: context()['client_id']!, client_secret: context()['client_secret']! },
    })),
  ],
  [
    'auth/client-credentials-basic',
    authorized(() => ({
      grant: { type: 'client_credentials' },
      preRegistered: { client_id: context()['client_id']!, client_secret: context()['client_secret']! },
    })),
  ],
  [
    'auth/client-credentials-jwt',
    authorized(() => ({
      grant: { type: 'client_credentials' },
      preRegistered: { client_id: context()['client_id']! },
      privateKey: { key: context()['private_key_pem']!, alg: context()['signing_algorithm'] ?? 'ES256' },
    })),
  ],
  [
    'auth/wif-jwt-bearer',
    authorized(() => ({
      grant: { type: 'jwt-bearer', assertion: () => context()['valid_jwt']! },
      preRegistered: { client_id: context()['client_id']! },
    })),
  ],
  [
    'auth/enterprise-managed-authorization',
    authorized(() => {
      const ctx = context();
      return {
        grant: enterpriseManagedGrant({
          issuer: ctx['idp_issuer']!,
          tokenEndpoint: ctx['idp_token_endpoint']!,
          clientId: ctx['idp_client_id']!,
          idToken: ctx['idp_id_token']!,
        }),
        preRegistered: { client_id: ctx['client_id']!, client_secret: ctx['client_secret']! },
      };
    }),
  ],
]);
