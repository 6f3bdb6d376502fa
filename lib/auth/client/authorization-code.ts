/**
 * @module
 * The authorization code grant with PKCE S256 (OAuth 2.1 §4.1): the authorization URL (with
 * `state`, the resource indicator and the scope), a pluggable user-agent step that opens it and
 * hands back the redirect, the response checked by `oauth4webapi` (`state`, `error`, and the
 * RFC 9207 `iss`: required when the server advertises it, compared by simple string comparison
 * whenever present), then the code exchanged at the token endpoint.
 */
import {
  authorizationCodeGrantRequest,
  type AuthorizationServer,
  calculatePKCECodeChallenge,
  generateRandomCodeVerifier,
  generateRandomState,
  processAuthorizationCodeResponse,
  validateAuthResponse,
} from 'oauth4webapi';
import type { ClientAuth } from 'oauth4webapi';
import type { ClientRegistration, StoredTokens } from './credential-store.js';
import type { DpopSigner } from './dpop.js';
import { type HttpSettings, requestOptions } from './client-registration.js';
import { tokenRequest } from './token-request.js';

/**
 * The user-agent step: show the user `authorizationUrl` (a browser, a popup, the system
 * browser) and resolve with the URL the authorization server redirected back to.
 *
 * @example
 * const authorize: Authorize = async (url) => { window.open(url); return await callbackUrl(); };
 */
export type Authorize = (authorizationUrl: URL) => Promise<URL | string>;

/** One authorization code flow's inputs. */
export interface AuthorizationCodeFlow {
  readonly as: AuthorizationServer;
  readonly client: ClientRegistration;
  readonly clientAuth: ClientAuth;
  readonly redirectUri: string;
  readonly resource: string;
  readonly scope: string | undefined;
  readonly authorize: Authorize;
  readonly dpop: DpopSigner | undefined;
  readonly settings: HttpSettings;
  readonly now: () => number;
}

/**
 * Runs the flow and resolves with the tokens; rejects when the server lacks PKCE S256, the
 * user agent fails, or the response does not check out.
 *
 * @example
 * const tokens = await authorizationCodeGrant({ as, client, clientAuth, redirectUri, resource, scope, authorize, dpop, settings, now });
 */
export async function authorizationCodeGrant(flow: AuthorizationCodeFlow): Promise<StoredTokens> {
  const { as, client } = flow;
  if (!as.authorization_endpoint) throw new Error(`Authorization server ${as.issuer} has no authorization endpoint`);
  if (!as.code_challenge_methods_supported?.includes('S256'))
    throw new Error(`Authorization server ${as.issuer} does not support PKCE S256: refusing to authorize`);
  const verifier = generateRandomCodeVerifier();
  const state = generateRandomState();
  const url = new URL(as.authorization_endpoint);
  const query = url.searchParams;
  query.set('response_type', 'code');
  query.set('client_id', client.client_id);
  query.set('redirect_uri', flow.redirectUri);
  query.set('code_challenge', await calculatePKCECodeChallenge(verifier));
  query.set('code_challenge_method', 'S256');
  query.set('state', state);
  query.set('resource', flow.resource);
  if (flow.scope !== undefined) query.set('scope', flow.scope);
  const callback = new URL(await flow.authorize(url));
  const parameters = validateAuthResponse(as, client, callback, state);
  const endpoint = new URL(as.token_endpoint!);
  return tokenRequest(
    endpoint,
    flow.dpop,
    flow.now(),
    flow.scope,
    (headers) =>
      authorizationCodeGrantRequest(as, client, flow.clientAuth, parameters, flow.redirectUri, verifier, {
        ...requestOptions(flow.settings),
        headers,
        additionalParameters: { resource: flow.resource },
      }),
    (response) => processAuthorizationCodeResponse(as, client, response),
  );
}
