/**
 * @module
 * MCP over HTTP on web `Request` / `Response`: the fetch handler and its options, and the event
 * store it resumes streams from. (`rxmcp/node` adapts it to `node:http` and express.)
 */
export type { AccessGateOptions } from './access-gate.js';
export type { CorsOrigins } from './cors.js';
export type { DnsRebindingOptions } from './dns-rebinding.js';
export type { EventStore, SynchronousEventStore } from './event-store.js';
export {
  createMcpFetchHandler,
  type ExecutionContextLike,
  type McpEndpoint,
  type McpFetchHandler,
  type McpFetchHandlerOptions,
} from './fetch-handler.js';
export { createInMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store.js';
export type { StreamableHttpOptions } from './streamable-http.js';
export type { SessionSnapshot, SessionStore } from '../session-snapshot.js';
