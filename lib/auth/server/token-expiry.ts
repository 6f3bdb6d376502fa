/**
 * @module
 * When a connection's access token expires. A WebSocket is authorized once, at its upgrade, so a
 * long-lived connection would outlive its token; the server watches the expiry and ends the
 * connection then.
 *
 * Closing, rather than answering later requests with a JSON-RPC error, is deliberate: MCP
 * authorization (2025-11-25, basic/authorization, "Token Handling") says an expired token
 * **MUST** receive an HTTP 401, and on a WebSocket the only HTTP exchange is the upgrade; a token
 * **MUST NOT** travel in the URI and a browser cannot set headers on an open socket, so there is
 * no standard way to present a new one on the same connection. Closing with
 * {@link TOKEN_EXPIRED_CLOSE_CODE} sends the client back to the upgrade, where the ordinary 401
 * and `WWW-Authenticate` lead it to a fresh token.
 */
import { asyncScheduler, defer, map, NEVER, type Observable, type SchedulerLike, timer } from 'rxjs';
import type { AuthInfo } from './auth-info.js';

/**
 * The WebSocket close code of a connection whose access token expired (private range, RFC 6455
 * §7.4.2; 4000 + HTTP 401). Its reason is {@link TOKEN_EXPIRED_CLOSE_REASON}.
 */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** The close reason sent with {@link TOKEN_EXPIRED_CLOSE_CODE}. */
export const TOKEN_EXPIRED_CLOSE_REASON = 'The access token expired; reconnect with a fresh one';

/**
 * Emits once, then completes, when `auth`'s token expires (`expiresAt`, on `scheduler`'s clock,
 * measured at subscription): at once when it already has, never for a token without `exp`.
 *
 * ```
 * expiresAt: 5 (seconds)  →  5000ms (x|)
 * expiresAt: undefined    →  -------        (never)
 * ```
 *
 * @example
 * tokenExpiry(auth, scheduler).subscribe(() => socket.close(TOKEN_EXPIRED_CLOSE_CODE, TOKEN_EXPIRED_CLOSE_REASON));
 */
export function tokenExpiry(
  auth: Pick<AuthInfo, 'expiresAt'>,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<void> {
  const { expiresAt } = auth;
  if (expiresAt === undefined) return NEVER;
  // The delay is measured when subscribed, not when made.
  return defer(() => timer(Math.max(0, expiresAt * 1000 - scheduler.now()), scheduler)).pipe(map(() => undefined));
}
