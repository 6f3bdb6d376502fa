/**
 * @module
 * Short unguessable tokens from the web Crypto API (every runtime has `globalThis.crypto`).
 */

/**
 * A random base64url token of `bytes` random bytes (12 characters for the default 9).
 *
 * @example
 * randomToken() // 'q3Zb0xXn1V_k'
 */
export function randomToken(bytes = 9): string {
  const random = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
