/**
 * @module
 * Checking a DPoP proof (RFC 9449 §4.3) for a request carrying a DPoP-bound access token: a
 * `dpop+jwt` signed by the key in its own header, for this method and URL, fresh, never seen
 * before, hashing the token (`ath`), its key's thumbprint equal to the token's `cnf.jkt`.
 */
import { base64url, calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { refuseToken } from './token-verifier.js';

/** The proof algorithms accepted by default (asymmetric only, as RFC 9449 requires). */
export const DEFAULT_DPOP_ALGORITHMS: readonly string[] = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'PS256',
  'EdDSA',
  'Ed25519',
];

/** What a proof is checked against. */
export interface DpopCheck {
  readonly proof: string;
  readonly method: string;
  /** The request URL (query and fragment are ignored, RFC 9449 §4.3 point 9). */
  readonly url: string;
  readonly token: string;
  /** The token's `cnf.jkt`. */
  readonly jkt: string;
  readonly now: number;
  readonly algorithms: readonly string[];
  /** Seconds a proof stays acceptable after its `iat`. */
  readonly maxAge: number;
  /** Remembers `jti`s; returns `false` for one seen before. */
  readonly remember: (jti: string, until: number) => boolean;
}

/**
 * Resolves when the proof is valid; rejects with a refusal saying why otherwise.
 *
 * @example
 * await checkDpopProof({ proof, method: 'POST', url, token, jkt, now, algorithms: DEFAULT_DPOP_ALGORITHMS, maxAge: 300, remember });
 */
export async function checkDpopProof(check: DpopCheck): Promise<void> {
  let verified;
  try {
    verified = await jwtVerify(check.proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: [...check.algorithms],
      maxTokenAge: check.maxAge,
      clockTolerance: 5,
      currentDate: new Date(check.now),
    });
  } catch (error) {
    throw refuseToken(`Invalid DPoP proof: ${(error as Error).message}`);
  }
  const { payload, protectedHeader } = verified;
  if (payload['htm'] !== check.method) throw refuseToken('Invalid DPoP proof: htm does not match the request method');
  if (typeof payload['htu'] !== 'string' || withoutQuery(payload['htu']) !== withoutQuery(check.url)) {
    throw refuseToken('Invalid DPoP proof: htu does not match the request URL');
  }
  const ath = base64url.encode(
    new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(check.token))),
  );
  if (payload['ath'] !== ath) throw refuseToken('Invalid DPoP proof: ath does not match the access token');
  if ((await calculateJwkThumbprint(protectedHeader.jwk as JWK, 'sha256')) !== check.jkt) {
    throw refuseToken('Invalid DPoP proof: its key is not the one the access token is bound to');
  }
  if (typeof payload.jti !== 'string' || !check.remember(payload.jti, check.now + check.maxAge * 1000)) {
    throw refuseToken('Invalid DPoP proof: jti missing or replayed');
  }
}

/**
 * A `jti` memory for {@link DpopCheck.remember}: each id until its expiry, the expired ones
 * dropped as new ones arrive.
 *
 * @example
 * const remember = createJtiMemory(() => scheduler.now());
 */
export function createJtiMemory(now: () => number): (jti: string, until: number) => boolean {
  const seen = new Map<string, number>();
  return (jti, until) => {
    const time = now();
    // Insertion order is expiry order (every proof gets the same lifetime): stop at the first live one.
    for (const [id, expiry] of seen) {
      if (expiry > time) break;
      seen.delete(id);
    }
    if (seen.has(jti)) return false;
    seen.set(jti, until);
    return true;
  };
}

function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}
