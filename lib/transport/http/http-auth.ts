/**
 * @module
 * What the HTTP client transports need from an authorization provider, and the `fetch` wrapper
 * that applies it: credentials on every request, a retry after a 401 or a 403
 * `insufficient_scope` the provider could answer (twice at most: a token, then a DPoP nonce). `rxmcp`'s OAuth client (`lib/auth`) implements it.
 */
import type { FetchLike } from './fetch-exchange.js';

/** The request a provider is asked about. */
export interface HttpAuthRequest {
  readonly url: URL;
  readonly method: string;
}

/**
 * An authorization provider for the HTTP transports (Streamable HTTP, legacy SSE).
 *
 * @example
 * const transport = createStreamableHttpClientTransport(url, { auth: createOAuthClient({ ... }) });
 */
export interface HttpAuthProvider {
  /** Headers that authorize `request` (`Authorization`, `DPoP`, …); `{}` when there is nothing yet. */
  headers(request: HttpAuthRequest): Promise<Record<string, string>>;
  /**
   * The server answered 401, or 403 with `error="insufficient_scope"`: obtain (better)
   * credentials. Resolves `true` when the request should be sent again, `false` to hand
   * the response to the caller as it is.
   */
  challenged(response: Response, request: HttpAuthRequest): Promise<boolean>;
  /** Sees every other response (a server's fresh `DPoP-Nonce`, a request that got through). */
  responded?(response: Response, request: HttpAuthRequest): void;
}

/** Whether `response` asks for (other) credentials: 401, or 403 `insufficient_scope`. */
export function isAuthChallenge(response: Response): boolean {
  if (response.status === 401) return true;
  return (
    response.status === 403 && /error\s*=\s*"?insufficient_scope/i.test(response.headers.get('www-authenticate') ?? '')
  );
}

/** How many times one request is sent again after answered challenges (a new token, then a DPoP nonce). */
const MAX_RETRIES = 2;

/**
 * Wraps `fetch` so every request carries `auth`'s headers, and a challenged request is sent
 * again (twice at most) after the provider answered the challenge.
 *
 * @example
 * const fetch = authorizedFetch(globalThis.fetch, provider);
 */
export function authorizedFetch(fetch: FetchLike, auth: HttpAuthProvider): FetchLike {
  return async (input, init = {}) => {
    const request: HttpAuthRequest = { url: new URL(input), method: (init.method ?? 'GET').toUpperCase() };
    const send = async () => {
      const headers = new Headers(init.headers);
      for (const [name, value] of Object.entries(await auth.headers(request))) headers.set(name, value);
      return fetch(input, { ...init, headers });
    };
    let response = await send();
    for (let retry = 0; isAuthChallenge(response); retry++) {
      if (retry === MAX_RETRIES || init.signal?.aborted || !(await auth.challenged(response, request))) return response;
      if (response.body && !response.bodyUsed) await response.body.cancel().catch(() => undefined);
      response = await send();
    }
    auth.responded?.(response, request);
    return response;
  };
}
