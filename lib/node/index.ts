/**
 * @module
 * `rxmcp/node`: Node-only transports (stdio, HTTP and WebSocket hosting, Node client defaults); the CLI is `rxmcp` (bin), not an API.
 *
 * @example
 * import { serveMcp } from 'rxmcp/node';
 * const running = await serveMcp(server, { port: 3000 }); // /mcp, /sse and /ws on one port
 */
export {
  createStdioClientTransport,
  createStdioServerTransport,
  DEFAULT_INHERITED_ENV_VARS,
  fromReadable,
  getDefaultEnvironment,
  redirectConsoleToStderr,
} from './stdio/index.js';
export type { StdioClientTransport, StdioClientTransportOptions, StdioServerTransportOptions } from './stdio/index.js';
export {
  checkDnsRebinding,
  corsPolicy,
  createInMemoryEventStore,
  createLegacySseHandler,
  createMcpExpressApp,
  createMcpRouter,
  createStreamableHttpHandler,
  DEFAULT_ALLOWED_HOSTS,
  isLoopbackHost,
  sendAnswer,
  sendWebResponse,
  serveAnswer,
  serveMcp,
  toNodeListener,
  toWebRequest,
  unrefScheduler,
} from './http/index.js';
export type {
  CorsOrigins,
  DnsRebindingOptions,
  EventStore,
  InMemoryEventStoreOptions,
  LegacySseHandler,
  LegacySseOptions,
  McpExpressApp,
  McpExpressAppOptions,
  McpHttpServer,
  McpRouter,
  McpRouterOptions,
  ServeMcpOptions,
  StreamableHttpHandler,
  StreamableHttpOptions,
} from './http/index.js';
export {
  attachMcpWebSocket,
  createMcpWebSocketHandler,
  createWebSocketServerTransport,
  MCP_SUBPROTOCOL,
} from './websocket/index.js';
export type { McpWebSocketHandler, McpWebSocketOptions, WebSocketServerTransportOptions } from './websocket/index.js';
export {
  createNodeFetch,
  createNodeSseClientTransport,
  createNodeStreamableHttpClientTransport,
  createNodeWebSocketClientTransport,
} from './clients/index.js';
export type { NodeFetchOptions, NodeWebSocketClientTransportOptions } from './clients/index.js';
export { checkNodeRequest, requestFactsOf, serveResourceMetadata } from './http/index.js';
export type { AuthenticatedRequest, McpAuthOption } from './http/index.js';
export { loopbackRedirect } from './auth/loopback-redirect.js';
export type { LoopbackRedirect, LoopbackRedirectOptions } from './auth/loopback-redirect.js';
