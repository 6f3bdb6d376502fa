/**
 * @module
 * Verifying opaque access tokens by asking the authorization server (RFC 7662 introspection).
 */
import { authInfoFromClaims } from './auth-info.js';
import { discoverIssuerMetadata } from './authorization-server-metadata.js';
import { refuseToken, type TokenVerifier } from './token-verifier.js';

/** Options of {@link introspectionVerifier}. */
export interface IntrospectionVerifierOptions {
  /** The issuer; its metadata gives the `introspection_endpoint` unless `endpoint` is set. */
  issuer?: string;
  /** The introspection endpoint. @defaultValue the issuer metadata's `introspection_endpoint` */
  endpoint?: string;
  /** The resource server's client id at the authorization server (HTTP Basic). */
  clientId: string;
  clientSecret: string;
  /** @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch;
}

/**
 * A {@link TokenVerifier} that introspects each token: inactive tokens are refused; the
 * response's `scope`, `client_id`, `sub`, `exp`, `aud` and `cnf` become the {@link AuthInfo}
 * (the guard then checks expiry and audience).
 *
 * @example
 * const verify = introspectionVerifier({ issuer, clientId: 'mcp-server', clientSecret: process.env.SECRET! });
 */
export function introspectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let endpoint: Promise<string> | undefined =
    options.endpoint === undefined ? undefined : Promise.resolve(options.endpoint);
  const endpointOf = () => {
    if (endpoint) return endpoint;
    if (!options.issuer) throw new Error('introspectionVerifier needs an issuer or an endpoint');
    return (endpoint = discoverIssuerMetadata(options.issuer, fetchImpl).then(
      (metadata) => {
        if (!metadata.introspection_endpoint)
          throw new Error(`The metadata of ${metadata.issuer} has no introspection_endpoint`);
        return metadata.introspection_endpoint;
      },
      (error: unknown) => {
        endpoint = undefined;
        throw error;
      },
    ));
  };
  const basic = `Basic ${btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`)}`;
  return async (token, request) => {
    const response = await fetchImpl(await endpointOf(), {
      method: 'POST',
      headers: {
        authorization: basic,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
    });
    if (!response.ok) throw new Error(`Token introspection failed: HTTP ${response.status}`);
    const claims = (await response.json()) as Record<string, unknown>;
    if (claims['active'] !== true) throw refuseToken('The access token is not active');
    return authInfoFromClaims(token, request.scheme, claims);
  };
}
