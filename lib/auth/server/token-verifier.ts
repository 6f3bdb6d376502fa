/**
 * @module
 * The pluggable part of a resource server: what turns an access token into an {@link AuthInfo},
 * and how it refuses one.
 */
import type { AuthInfo } from './auth-info.js';

/** What a verifier knows about the request besides the token. */
export interface TokenRequest {
  readonly method: string;
  /** The absolute request URL. */
  readonly url: string;
  readonly headers: Headers;
  /** How the token was presented. */
  readonly scheme: AuthInfo['scheme'];
  /** The audiences the token must name (the resource, RFC 8707, unless configured otherwise). */
  readonly audience: readonly string[];
  /** Now, in milliseconds since the epoch (the guard's scheduler). */
  readonly now: number;
}

/**
 * Verifies an access token: resolves its {@link AuthInfo}, or rejects (any error is a 401
 * `invalid_token`, its message the `error_description`; see {@link refuseToken}). The guard then
 * checks expiry, audience, DPoP binding and scopes of what it resolved.
 *
 * @example
 * const verify: TokenVerifier = async (token) => {
 *   const row = await db.tokens.find(token);
 *   if (!row) throw refuseToken('unknown token');
 *   return { token, scheme: 'Bearer', subject: row.user, scopes: row.scopes, claims: {} };
 * };
 */
export type TokenVerifier = (token: string, request: TokenRequest) => Promise<AuthInfo> | AuthInfo;

/** The mark of a refusal: a registered Symbol, so every copy of rxmcp reads it. */
const REFUSAL = Symbol.for('rxmcp.tokenRefusal');

/**
 * An error a verifier throws to refuse a token with a description the client may see.
 *
 * @example
 * throw refuseToken('the token was revoked');
 */
export function refuseToken(description: string): Error {
  return Object.defineProperty(new Error(description), REFUSAL, { value: true });
}

/**
 * Whether `error` came from {@link refuseToken} (in any copy of rxmcp).
 *
 * @example
 * isTokenRefusal(refuseToken('revoked')); // true
 */
export function isTokenRefusal(error: unknown): error is Error {
  return typeof error === 'object' && error !== null && (error as { [REFUSAL]?: true })[REFUSAL] === true;
}
