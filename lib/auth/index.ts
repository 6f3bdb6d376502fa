/**
 * @module
 * `rxmcp/auth`: OAuth 2.1 for MCP — the resource server's checks (bearer and DPoP tokens, JWT or
 * introspection, protected resource metadata).
 *
 * @example
 * import { createResourceGuard, jwtVerifier } from 'rxmcp/auth';
 * const guard = createResourceGuard({ resource: 'https://mcp.example.com/mcp', authorizationServers: ['https://auth.example.com'], verify: jwtVerifier({ issuer: 'https://auth.example.com' }) });
 */
export * from './server/index.js';
