/**
 * @module
 * MCP over HTTP for Node: Streamable HTTP (2025-11-25) with sessions, resumable SSE streams and
 * a stateless mode; the legacy HTTP+SSE transport (2024-11-05); DNS-rebinding protection; CORS; an
 * express 5 router and app; and `serveMcp`, which adds WebSocket on the same port.
 */
export { createAccessGate, type AccessGateOptions, type GateDecision, type GateRequest } from './access-gate.js';
export { corsPolicy, decideCors, type CorsDecision, type CorsOrigins, type CorsPolicy, type CorsRequest } from './cors.js';
export { checkDnsRebinding, DEFAULT_ALLOWED_HOSTS, isLoopbackHost, type DnsRebindingOptions } from './dns-rebinding.js';
export type { EventStore } from './event-store.js';
export { createMcpExpressApp, type McpExpressApp, type McpExpressAppOptions } from './express-app.js';
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store.js';
export { createLegacySseHandler, type LegacySseHandler, type LegacySseOptions } from './legacy-sse.js';
export { createMcpRouter, type McpRouter, type McpRouterOptions } from './router.js';
export { serveMcp, type McpHttpServer, type ServeMcpOptions } from './serve.js';
export { createStreamableHttpHandler, type StreamableHttpHandler, type StreamableHttpOptions } from './streamable-http.js';
export { absoluteUrl, checkNodeRequest, guardOf, sendDenial, serveResourceMetadata, type McpAuthOption } from './protect.js';
export { requestFactsOf, toHeaders, type AuthenticatedRequest } from './request-facts.js';
