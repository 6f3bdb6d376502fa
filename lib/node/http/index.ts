/**
 * @module
 * MCP over HTTP for Node: the web-standard fetch handler of `rxmcp` (Streamable HTTP in both
 * eras, legacy HTTP+SSE, DNS-rebinding protection, CORS) adapted to `node:http` and express 5,
 * and `serveMcp`, which adds WebSocket on the same port.
 */
export {
  createAccessGate,
  type AccessGateOptions,
  type GateDecision,
  type GateRequest,
} from '../../server/http/access-gate.js';
export {
  corsPolicy,
  decideCors,
  type CorsDecision,
  type CorsOrigins,
  type CorsPolicy,
  type CorsRequest,
} from '../../server/http/cors.js';
export {
  checkDnsRebinding,
  DEFAULT_ALLOWED_HOSTS,
  isLoopbackHost,
  type DnsRebindingOptions,
} from '../../server/http/dns-rebinding.js';
export type { EventStore } from '../../server/http/event-store.js';
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from '../../server/http/in-memory-event-store.js';
export { createMcpExpressApp, type McpExpressApp, type McpExpressAppOptions } from './express-app.js';
export { createLegacySseHandler, type LegacySseHandler, type LegacySseOptions } from './legacy-sse.js';
export { createMcpRouter, type McpRouter, type McpRouterOptions } from './router.js';
export { serveMcp, type McpHttpServer, type ServeMcpOptions } from './serve.js';
export {
  createStreamableHttpHandler,
  type StreamableHttpHandler,
  type StreamableHttpOptions,
} from './streamable-http.js';
export { sendAnswer, sendWebResponse, serveAnswer, toNodeListener } from './web-exchange.js';
export { toWebRequest } from './node-request.js';
export { unrefScheduler } from './unref-scheduler.js';
export { checkNodeRequest, requestFactsOf, serveResourceMetadata, type AuthenticatedRequest } from './protect.js';
export { guardOf, type McpAuthOption } from '../../server/http/protect.js';
