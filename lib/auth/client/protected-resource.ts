/**
 * @module
 * Protected Resource Metadata (RFC 9728): where the MCP server says its authorization servers
 * are, found from the `resource_metadata` of a challenge or the well-known URLs (path-suffixed
 * first, then the root), and checked against the server's URL (RFC 8707 resource indicators).
 */
import type { FetchLike } from '../../transport/http/fetch-exchange.js';

/** The fields of a protected resource's metadata this client uses. */
export interface ProtectedResourceMetadata {
  readonly resource: string;
  readonly authorization_servers?: readonly string[];
  readonly scopes_supported?: readonly string[];
  readonly [field: string]: unknown;
}

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** The URLs to try for `server`'s metadata, best first (MCP authorization, "Protected Resource Metadata Discovery"). */
export function protectedResourceMetadataUrls(server: URL, fromChallenge?: string): URL[] {
  const urls: URL[] = [];
  if (fromChallenge) urls.push(new URL(fromChallenge, server));
  const path = server.pathname.replace(/\/$/, '');
  if (path) urls.push(new URL(`${WELL_KNOWN}${path}`, server.origin));
  urls.push(new URL(WELL_KNOWN, server.origin));
  return urls;
}

/**
 * The protected resource metadata of `server`, or `undefined` when none of the URLs has it
 * (a 2025-03-26 server). A document whose `resource` does not name `server` is refused with an
 * error: a token for it would be handed to the wrong party. One exception: the document the
 * server's own challenge pointed to may name another path of the same origin, as one server
 * protects all its endpoints as one resource (`/mcp` for `/sse` and `/ws` too); tokens only ever
 * go back to that origin.
 *
 * @example
 * const prm = await discoverProtectedResource(fetch, new URL('https://api.example.com/mcp'), challenge.resource_metadata);
 */
export async function discoverProtectedResource(
  fetch: FetchLike,
  server: URL,
  fromChallenge?: string,
): Promise<ProtectedResourceMetadata | undefined> {
  for (const url of protectedResourceMetadataUrls(server, fromChallenge)) {
    const response = await fetch(url, { headers: { accept: 'application/json' } }).catch(() => undefined);
    if (!response?.ok) {
      await response?.body?.cancel().catch(() => undefined);
      continue;
    }
    const metadata = (await response.json().catch(() => undefined)) as ProtectedResourceMetadata | undefined;
    if (!metadata || typeof metadata.resource !== 'string') continue;
    const pointedTo = fromChallenge !== undefined && url.href === new URL(fromChallenge, server).href;
    if (!resourceCovers(metadata.resource, server) && !(pointedTo && sameOrigin(metadata.resource, server))) {
      throw new Error(
        `Protected resource metadata names ${metadata.resource}, not ${server.href}: refusing to authorize for it`,
      );
    }
    return metadata;
  }
  return undefined;
}

/**
 * Whether the resource identifier `resource` covers `server`: same origin, and its path is
 * `server`'s path or a parent of it (RFC 8707 §2, RFC 9728 §3.3).
 */
export function resourceCovers(resource: string, server: URL): boolean {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return false;
  }
  if (url.origin !== server.origin || url.hash) return false;
  const parent = url.pathname.replace(/\/$/, '');
  const path = server.pathname.replace(/\/$/, '');
  return path === parent || path.startsWith(`${parent}/`);
}

/** The resource indicator for `server` when it publishes no metadata: its URL without fragment. */
export function canonicalResource(server: URL): string {
  const url = new URL(server);
  url.hash = '';
  return url.href;
}

/** Whether the resource identifier `resource` is on `server`'s origin (any path). */
function sameOrigin(resource: string, server: URL): boolean {
  try {
    const url = new URL(resource);
    return url.origin === server.origin && !url.hash;
  } catch {
    return false;
  }
}
