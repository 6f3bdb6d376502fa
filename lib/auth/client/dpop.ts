/**
 * @module
 * DPoP (RFC 9449): a key pair per client, a fresh signed proof per request (`htm`, `htu`, `iat`,
 * `jti`, and `ath` when a token is presented), and the nonces servers hand out (§8, §9),
 * remembered per origin. Signing and JWK work are `jose`'s.
 */
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** Proofs for one key pair. */
export interface DpopSigner {
  /** A proof for `method` `url` (query and fragment dropped), bound to `accessToken` when given. */
  proof(method: string, url: URL, accessToken?: string): Promise<string>;
  /** Remembers the `DPoP-Nonce` of `response`, if it has one, for `url`'s origin. */
  remember(url: URL, response: Response): void;
  /** The JWK SHA-256 thumbprint of the public key (`dpop_jkt`). */
  thumbprint(): Promise<string>;
}

/** Whether `response` (a 400 from a token endpoint or a 401 from a resource) asks for a DPoP nonce. */
export function isDpopNonceChallenge(response: Response, error: string | undefined): boolean {
  return error === 'use_dpop_nonce' && response.headers.has('dpop-nonce');
}

/**
 * A DPoP signer with a new non-extractable key pair (`alg`, ES256 unless told otherwise); `now` (ms) dates the proofs.
 *
 * @example
 * const dpop = createDpopSigner(() => scheduler.now());
 * headers.DPoP = await dpop.proof('POST', new URL('https://as.example.com/token'));
 */
export function createDpopSigner(now: () => number, alg = 'ES256'): DpopSigner {
  let keys: Promise<{ privateKey: CryptoKey; jwk: JWK }> | undefined;
  const nonces = new Map<string, string>();
  const keyPair = () =>
    (keys ??= generateKeyPair(alg).then(async ({ privateKey, publicKey }) => {
      const { kty, crv, x, y, n, e } = await exportJWK(publicKey);
      return {
        privateKey,
        jwk: Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined)) as JWK,
      };
    }));
  return {
    async proof(method, url, accessToken) {
      const { privateKey, jwk } = await keyPair();
      const htu = `${url.origin}${url.pathname}`;
      const nonce = nonces.get(url.origin);
      const claims: Record<string, string> = { htm: method.toUpperCase(), htu, jti: crypto.randomUUID() };
      if (nonce !== undefined) claims['nonce'] = nonce;
      if (accessToken !== undefined) claims['ath'] = await sha256Base64Url(accessToken);
      return new SignJWT(claims)
        .setProtectedHeader({ alg, typ: 'dpop+jwt', jwk })
        .setIssuedAt(Math.floor(now() / 1000))
        .sign(privateKey);
    },
    remember(url, response) {
      const nonce = response.headers.get('dpop-nonce');
      if (nonce) nonces.set(url.origin, nonce);
    },
    async thumbprint() {
      return calculateJwkThumbprint((await keyPair()).jwk, 'sha256');
    },
  };
}

async function sha256Base64Url(text: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
