/**
 * @module
 * Protected Resource Metadata (RFC 9728): the document, and where it lives — the well-known URL
 * with the resource's path appended (`/.well-known/oauth-protected-resource/mcp`) and, for
 * clients that look only there, the root one.
 */

/** The well-known path prefix of RFC 9728. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** An RFC 9728 §2 document (the fields MCP uses; more may be added). */
export interface ProtectedResourceMetadata {
  readonly resource: string;
  readonly authorization_servers?: readonly string[];
  readonly scopes_supported?: readonly string[];
  readonly bearer_methods_supported?: readonly string[];
  readonly resource_name?: string;
  readonly resource_documentation?: string;
  readonly dpop_signing_alg_values_supported?: readonly string[];
  readonly dpop_bound_access_tokens_required?: boolean;
  readonly [field: string]: unknown;
}

/**
 * The path-suffixed metadata URL of `resource` (RFC 9728 §3.1): `https://h/mcp` →
 * `https://h/.well-known/oauth-protected-resource/mcp`; a resource without a path gets the root one.
 *
 * @example
 * protectedResourceMetadataUrl('https://mcp.example.com/mcp'); // 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp'
 */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}${PROTECTED_RESOURCE_WELL_KNOWN}${path}`;
}

/**
 * Whether `pathname` is where the metadata of `resource` is served: its path-suffixed URL, or the
 * root well-known URL.
 *
 * @example
 * isProtectedResourceMetadataPath('/.well-known/oauth-protected-resource', 'https://h/mcp'); // true
 */
export function isProtectedResourceMetadataPath(pathname: string, resource: string): boolean {
  return (
    pathname === PROTECTED_RESOURCE_WELL_KNOWN || pathname === new URL(protectedResourceMetadataUrl(resource)).pathname
  );
}
