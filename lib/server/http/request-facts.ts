/**
 * @module
 * What a handler learns of the HTTP request that carried its message: `ctx.http.headers` (the
 * request's web `Headers`) and `ctx.auth` (what the resource guard verified).
 */
import type { AuthInfo } from '../../auth/server/auth-info.js';
import type { RequestFacts } from '../modern/envelope.js';

/** The identity the resource guard verified for each request it let through. */
const verified = new WeakMap<Request, AuthInfo>();

/**
 * Remembers the identity the guard verified for `request` (its handlers see it as `ctx.auth`).
 *
 * @example
 * if (outcome.type === 'allow') setAuthOf(request, outcome.auth);
 */
export function setAuthOf(request: Request, auth: AuthInfo | undefined): void {
  if (auth !== undefined) verified.set(request, auth);
}

/**
 * The identity the guard verified for `request`, if any.
 *
 * @example
 * authOf(request)?.clientId
 */
export function authOf(request: Request): AuthInfo | undefined {
  return verified.get(request);
}

/**
 * The facts of `request` for `ctx.http` and `ctx.auth`.
 *
 * @example
 * session.handleRequest(message, version, request.signal, waitUntil, requestFactsOf(request));
 */
export function requestFactsOf(request: Request): RequestFacts {
  const auth = verified.get(request);
  const http = { headers: request.headers };
  return auth === undefined ? { http } : { http, auth };
}
