/**
 * @module
 * Authorization server metadata (RFC 8414 and OpenID Connect Discovery) at the URLs MCP names for
 * an issuer, with its `issuer` checked against the one the URL was built from (RFC 8414 §3.3, by
 * `oauth4webapi`), and the 2025-03-26 fallbacks: the MCP server's origin as issuer, and default
 * endpoints (`/authorize`, `/token`, `/register`) when it publishes no metadata at all.
 */
import { type AuthorizationServer, processDiscoveryResponse } from 'oauth4webapi';
import type { FetchLike } from '../../transport/http/fetch-exchange.js';

/** The metadata URLs of `issuer`, in the order MCP's "Authorization Server Metadata Discovery" gives. */
export function authorizationServerMetadataUrls(issuer: URL): URL[] {
  const path = issuer.pathname.replace(/\/$/, '');
  if (!path)
    return [
      new URL('/.well-known/oauth-authorization-server', issuer.origin),
      new URL('/.well-known/openid-configuration', issuer.origin),
    ];
  return [
    new URL(`/.well-known/oauth-authorization-server${path}`, issuer.origin),
    new URL(`/.well-known/openid-configuration${path}`, issuer.origin),
    new URL(`${path}/.well-known/openid-configuration`, issuer.origin),
  ];
}

/**
 * The metadata of the authorization server `issuer`: the first well-known URL that answers 200.
 * A document whose `issuer` is not `issuer` is refused (an error): its endpoints are not
 * trusted. Resolves `undefined` when no URL answers.
 *
 * @example
 * const as = await discoverAuthorizationServer(fetch, new URL('https://auth.example.com/tenant1'));
 */
export async function discoverAuthorizationServer(
  fetch: FetchLike,
  issuer: URL,
): Promise<AuthorizationServer | undefined> {
  for (const url of authorizationServerMetadataUrls(issuer)) {
    const response = await fetch(url, { headers: { accept: 'application/json' } }).catch(() => undefined);
    if (!response) continue;
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      continue;
    }
    return processDiscoveryResponse(issuer, response);
  }
  return undefined;
}

/**
 * The endpoints a 2025-03-26 client assumes when the MCP server publishes no metadata: the
 * server's origin is the issuer, with `/authorize`, `/token` and `/register` under it.
 */
export function fallbackAuthorizationServer(server: URL): AuthorizationServer {
  const at = (path: string) => new URL(path, server.origin).href;
  return {
    issuer: server.origin,
    authorization_endpoint: at('/authorize'),
    token_endpoint: at('/token'),
    registration_endpoint: at('/register'),
    code_challenge_methods_supported: ['S256'],
  };
}
