/**
 * @module
 * One token endpoint exchange through `oauth4webapi`, with a DPoP proof when the client binds its
 * tokens, and the one retry RFC 9449 §8 asks for when the server answers `use_dpop_nonce`. The
 * response becomes {@link StoredTokens}, its expiry on the client's clock, and the scope it keeps is the one asked for (the base of a later step-up).
 */
import { ResponseBodyError, type TokenEndpointResponse } from 'oauth4webapi';
import type { StoredTokens } from './credential-store.js';
import type { DpopSigner } from './dpop.js';

/**
 * Sends a token request (`send`, given the extra headers) and processes its response
 * (`process`); with `dpop`, each attempt carries a fresh proof for `endpoint` and a nonce
 * challenge is answered once.
 *
 * @example
 * const tokens = await tokenRequest(new URL(as.token_endpoint!), dpop, now, scope,
 *   (headers) => clientCredentialsGrantRequest(as, client, auth, {}, { headers }),
 *   (response) => processClientCredentialsResponse(as, client, response));
 */
export async function tokenRequest(
  endpoint: URL,
  dpop: DpopSigner | undefined,
  now: number,
  scope: string | undefined,
  send: (headers: Record<string, string>) => Promise<Response>,
  process: (response: Response) => Promise<TokenEndpointResponse>,
): Promise<StoredTokens> {
  const attempt = async (retried: boolean): Promise<TokenEndpointResponse> => {
    const headers: Record<string, string> = dpop ? { DPoP: await dpop.proof('POST', endpoint) } : {};
    const response = await send(headers);
    if (dpop) dpop.remember(endpoint, response);
    try {
      return await process(response);
    } catch (error) {
      if (dpop && !retried && error instanceof ResponseBodyError && error.error === 'use_dpop_nonce')
        return attempt(true);
      throw error;
    }
  };
  const result = await attempt(false);
  const granted = scope ?? result.scope;
  return {
    access_token: result.access_token,
    token_type: result.token_type,
    ...(result.refresh_token !== undefined && { refresh_token: result.refresh_token }),
    ...(result.expires_in !== undefined && { expires_at: now + result.expires_in * 1000 }),
    ...(granted !== undefined && { scope: granted }),
  };
}
