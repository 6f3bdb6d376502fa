/**
 * @module
 * Reading an authorization server's metadata (RFC 8414, and OpenID Connect Discovery) from its
 * issuer identifier, to find its `jwks_uri` or `introspection_endpoint`.
 */

/** The metadata fields a resource server reads. */
export interface AuthorizationServerMetadata {
  readonly issuer: string;
  readonly jwks_uri?: string;
  readonly introspection_endpoint?: string;
  readonly [field: string]: unknown;
}

/**
 * The discovery URLs of `issuer`, in the order tried: RFC 8414 (path inserted after the
 * well-known prefix), OpenID Connect with path insertion, OpenID Connect appended.
 *
 * @example
 * issuerMetadataUrls('https://auth.example.com/tenant'); // ['https://auth.example.com/.well-known/oauth-authorization-server/tenant', …]
 */
export function issuerMetadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  const urls = [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
  ];
  if (path) urls.push(`${url.origin}${path}/.well-known/openid-configuration`);
  return urls;
}

/**
 * Fetches `issuer`'s metadata from the first discovery URL that answers 200, and checks that it
 * names the same issuer (RFC 8414 §3.3). Rejects when none does.
 *
 * @example
 * const { jwks_uri } = await discoverIssuerMetadata('https://auth.example.com');
 */
export async function discoverIssuerMetadata(
  issuer: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<AuthorizationServerMetadata> {
  const failures: string[] = [];
  for (const url of issuerMetadataUrls(issuer)) {
    const response = await fetchImpl(url, { headers: { accept: 'application/json' } });
    if (!response.ok) {
      failures.push(`${url}: ${response.status}`);
      continue;
    }
    const metadata = (await response.json()) as AuthorizationServerMetadata;
    if (metadata.issuer !== issuer)
      throw new Error(`Authorization server metadata at ${url} names issuer ${String(metadata.issuer)}, not ${issuer}`);
    return metadata;
  }
  throw new Error(`No authorization server metadata for ${issuer} (${failures.join(', ')})`);
}
