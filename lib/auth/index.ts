/**
 * @module
 * `rxmcp/auth`: OAuth 2.1 for MCP — the authorizing client (discovery, registration, PKCE,
 * refresh, step-up, machine grants, DPoP) and the resource server's checks (bearer and DPoP
 * tokens, JWT or introspection, protected resource metadata).
 *
 * @example
 * import { createResourceGuard, jwtVerifier } from 'rxmcp/auth';
 * const guard = createResourceGuard({ resource: 'https://mcp.example.com/mcp', authorizationServers: ['https://auth.example.com'], verify: jwtVerifier({ issuer: 'https://auth.example.com' }) });
 */
export * from './client/index.js';
export * from './server/index.js';
// The RFC 9728 document, as the resource server serves it (the client reads the same fields).
export type { ProtectedResourceMetadata } from './server/index.js';
