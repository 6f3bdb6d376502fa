/**
 * @module
 * Verifying JWT access tokens (RFC 9068) against the issuer's JWKS: the key set is found through
 * the issuer's metadata, then cached and refreshed on an unknown key id by `jose`.
 */
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey, type RemoteJWKSetOptions } from 'jose';
import { authInfoFromClaims } from './auth-info.js';
import { discoverIssuerMetadata } from './authorization-server-metadata.js';
import type { TokenVerifier } from './token-verifier.js';

/** Options of {@link jwtVerifier}. */
export interface JwtVerifierOptions {
  /** The issuer (`iss`) tokens must name; its metadata gives the `jwks_uri`. */
  issuer: string;
  /** The key set's URL, skipping discovery. @defaultValue the issuer metadata's `jwks_uri` */
  jwksUri?: string;
  /** A key set to use instead of a remote one (tests, pinned keys): e.g. `jose`'s `createLocalJWKSet`. */
  keys?: JWTVerifyGetKey;
  /** Signature algorithms accepted. @defaultValue every asymmetric algorithm `jose` supports */
  algorithms?: string[];
  /** Require this `typ` header, e.g. `'at+jwt'` (RFC 9068). @defaultValue not checked */
  typ?: string;
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. @defaultValue 5 */
  clockTolerance?: number;
  /** How the remote key set is cached (`jose`'s `cacheMaxAge`, `cooldownDuration`, `timeoutDuration`). @defaultValue jose's: 10 min, 30 s, 5 s */
  jwks?: Pick<RemoteJWKSetOptions, 'cacheMaxAge' | 'cooldownDuration' | 'timeoutDuration'>;
  /** The fetch used for discovery and the key set. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
}

/**
 * A {@link TokenVerifier} for JWT access tokens: signature (issuer's JWKS), `iss`, `exp`/`nbf`,
 * and `aud` against the resource (RFC 8707). Discovery happens on the first token and is retried
 * after a failure.
 *
 * @example
 * const guard = createResourceGuard({ authorizationServers: [issuer], verify: jwtVerifier({ issuer }) });
 */
export function jwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let keys: Promise<JWTVerifyGetKey> | undefined = options.keys && Promise.resolve(options.keys);
  const keySet = () =>
    (keys ??= (
      options.jwksUri
        ? Promise.resolve(options.jwksUri)
        : discoverIssuerMetadata(options.issuer, fetchImpl).then(jwksUriOf)
    ).then(
      (uri) => createRemoteJWKSet(new URL(uri), { ...options.jwks, [customFetch]: fetchImpl }),
      (error: unknown) => {
        keys = undefined;
        throw error;
      },
    ));
  return async (token, request) => {
    const { payload } = await jwtVerify(token, await keySet(), {
      issuer: options.issuer,
      audience: [...request.audience],
      algorithms: options.algorithms,
      typ: options.typ,
      clockTolerance: options.clockTolerance ?? 5,
      currentDate: new Date(request.now),
    });
    return authInfoFromClaims(token, request.scheme, payload as Record<string, unknown>);
  };
}

function jwksUriOf(metadata: { issuer: string; jwks_uri?: string }): string {
  if (!metadata.jwks_uri) throw new Error(`The metadata of ${metadata.issuer} has no jwks_uri`);
  return metadata.jwks_uri;
}
