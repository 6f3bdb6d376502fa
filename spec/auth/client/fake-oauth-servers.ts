/**
 * A protected MCP resource and its authorization server as one in-memory `fetch`: enough of
 * RFC 9728, RFC 8414, RFC 7591 and the token endpoint to drive the OAuth client's logic, with
 * every request recorded and each behaviour switchable by the spec.
 */
import { decodeJwt } from 'jose';

export const RS = 'https://mcp.example.com';
export const AS = 'https://auth.example.com';

export interface FakeOptions {
  scopesSupported?: string[];
  asScopes?: string[];
  challengeScope?: string;
  /** A `resource` the metadata names instead of `${RS}/mcp`. */
  prmResource?: string;
  /** An `issuer` the AS metadata names instead of its own. */
  metadataIssuer?: string;
  /** What `iss` the authorization redirect carries: the issuer (default), another, or none. */
  iss?: string | null;
  cimd?: boolean;
  expiresIn?: number;
  refreshToken?: boolean;
  dpopAlgs?: string[];
  /** Scopes a tools/call needs (403 insufficient_scope without them). */
  callNeeds?: string;
  /** Scopes the authorization server never grants. */
  denied?: string[];
  /** DPoP nonces the token endpoint and the resource require (RFC 9449 §8, §9). */
  asNonce?: string;
  rsNonce?: string;
}

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export function fakeOAuthServers(options: FakeOptions = {}) {
  const requests: Recorded[] = [];
  const tokens = new Map<string, string>();
  let issued = 0;
  let authorizedScope = '';
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const headers = new Headers(init.headers);
    const body =
      typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : '';
    requests.push({ method: init.method ?? 'GET', url, headers, body });
    const path = `${url.origin}${url.pathname}`;
    if (path === `${RS}/.well-known/oauth-protected-resource/mcp`) {
      return json({
        resource: options.prmResource ?? `${RS}/mcp`,
        authorization_servers: [AS],
        ...(options.scopesSupported && { scopes_supported: options.scopesSupported }),
      });
    }
    if (path === `${AS}/.well-known/oauth-authorization-server`) {
      return json({
        issuer: options.metadataIssuer ?? AS,
        authorization_endpoint: `${AS}/authorize`,
        token_endpoint: `${AS}/token`,
        registration_endpoint: `${AS}/register`,
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
        ...(options.asScopes && { scopes_supported: options.asScopes }),
        ...(options.cimd && { client_id_metadata_document_supported: true }),
        ...(options.dpopAlgs && { dpop_signing_alg_values_supported: options.dpopAlgs }),
      });
    }
    if (path === `${AS}/register`)
      return json({ client_id: 'registered', client_secret: 's3cret', ...JSON.parse(body) }, 201);
    if (path === `${AS}/token`) {
      const proof = headers.get('dpop');
      if (proof && options.asNonce && decodeJwt(proof)['nonce'] !== options.asNonce) {
        return json({ error: 'use_dpop_nonce' }, 400, { 'dpop-nonce': options.asNonce });
      }
      const form = new URLSearchParams(body);
      const scope = form.get('scope') ?? authorizedScope;
      const token = `token-${++issued}`;
      tokens.set(
        token,
        scope
          .split(' ')
          .filter((s) => !options.denied?.includes(s))
          .join(' '),
      );
      const dpop = headers.has('dpop');
      return json({
        access_token: token,
        token_type: dpop ? 'DPoP' : 'Bearer',
        ...(options.expiresIn !== undefined && { expires_in: options.expiresIn }),
        ...(options.refreshToken && { refresh_token: `refresh-${issued}` }),
      });
    }
    if (path === `${RS}/mcp`) {
      const token = /^(?:Bearer|DPoP) (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
      const challenge = `Bearer resource_metadata="${RS}/.well-known/oauth-protected-resource/mcp"${options.challengeScope ? `, scope="${options.challengeScope}"` : ''}`;
      if (!token || !tokens.has(token)) return json({ error: 'invalid_token' }, 401, { 'www-authenticate': challenge });
      const proof = headers.get('dpop');
      if (proof && options.rsNonce && decodeJwt(proof)['nonce'] !== options.rsNonce) {
        return json({ error: 'use_dpop_nonce' }, 401, {
          'www-authenticate': 'DPoP error="use_dpop_nonce"',
          'dpop-nonce': options.rsNonce,
        });
      }
      const needs = options.callNeeds;
      if (needs && body.includes('tools/call') && !tokens.get(token)!.split(' ').includes(needs)) {
        return json({ error: 'insufficient_scope' }, 403, {
          'www-authenticate': `Bearer error="insufficient_scope", scope="${needs}"`,
        });
      }
      return json({ jsonrpc: '2.0', id: 1, result: {} });
    }
    return new Response('not found', { status: 404 });
  };
  /** The user agent: approves at once, redirecting with a code (and `iss`). */
  const authorize = async (authorizationUrl: URL) => {
    requests.push({ method: 'GET', url: authorizationUrl, headers: new Headers(), body: '' });
    authorizedScope = authorizationUrl.searchParams.get('scope') ?? '';
    const callback = new URL(authorizationUrl.searchParams.get('redirect_uri')!);
    callback.searchParams.set('code', 'the-code');
    callback.searchParams.set('state', authorizationUrl.searchParams.get('state')!);
    const iss = options.iss === undefined ? AS : options.iss;
    if (iss !== null) callback.searchParams.set('iss', iss);
    return callback;
  };
  const to = (path: string) => requests.filter((request) => `${request.url.origin}${request.url.pathname}` === path);
  return { fetch, authorize, requests, to };
}
