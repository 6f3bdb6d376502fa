/**
 * @module
 * The refresh token grant (OAuth 2.1 §4.3), with the resource indicator and, for DPoP-bound
 * tokens, a proof; a refresh token the server does not rotate is kept.
 */
import {
  type AuthorizationServer,
  type ClientAuth,
  processRefreshTokenResponse,
  refreshTokenGrantRequest,
} from 'oauth4webapi';
import type { ClientRegistration, StoredTokens } from './credential-store.js';
import type { DpopSigner } from './dpop.js';
import { type HttpSettings, requestOptions } from './client-registration.js';
import { tokenRequest } from './token-request.js';

/**
 * New tokens for `tokens.refresh_token`.
 *
 * @example
 * const fresh = await refreshGrant(as, client, clientAuth, resource, tokens, dpop, settings, scheduler.now());
 */
export async function refreshGrant(
  as: AuthorizationServer,
  client: ClientRegistration,
  clientAuth: ClientAuth,
  resource: string,
  tokens: StoredTokens & { refresh_token: string },
  dpop: DpopSigner | undefined,
  settings: HttpSettings,
  now: number,
): Promise<StoredTokens> {
  const fresh = await tokenRequest(
    new URL(as.token_endpoint!),
    dpop,
    now,
    tokens.scope,
    (headers) =>
      refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token, {
        ...requestOptions(settings),
        headers,
        additionalParameters: { resource },
      }),
    (response) => processRefreshTokenResponse(as, client, response),
  );
  return fresh.refresh_token === undefined ? { ...fresh, refresh_token: tokens.refresh_token } : fresh;
}
