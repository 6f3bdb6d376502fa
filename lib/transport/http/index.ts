/**
 * @module
 * HTTP client transports of MCP, web-standard and isomorphic: `fetch` is injected (default
 * `globalThis.fetch`), SSE is parsed with `eventsource-parser`, and every delay runs on an
 * injected `SchedulerLike`.
 */
export {
  createStreamableHttpClientTransport,
  type StreamableHttpClientTransport,
  type StreamableHttpClientTransportOptions,
} from './streamable-http-client.js';
export { createSseClientTransport, type SseClientTransport, type SseClientTransportOptions } from './sse-client.js';
export { DEFAULT_RECONNECT_OPTIONS, reconnectDelay, type ReconnectOptions } from './reconnect.js';
export { fetchExchange, type FetchLike } from './fetch-exchange.js';
export { sseEvents, type SseItem } from './sse-events.js';
export { authorizedFetch, type HttpAuthProvider, type HttpAuthRequest, isAuthChallenge } from './http-auth.js';
