/**
 * @module
 * `rxmcp/node`: Node-only transports (stdio, HTTP and WebSocket hosting, Node client defaults) and the CLI's pieces.
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
export { attachMcpWebSocket, createMcpWebSocketHandler, createWebSocketServerTransport, MCP_SUBPROTOCOL } from './websocket/index.js';
export type { McpWebSocketHandler, McpWebSocketOptions, WebSocketServerTransportOptions } from './websocket/index.js';
export { createNodeFetch, createNodeSseClientTransport, createNodeStreamableHttpClientTransport, createNodeWebSocketClientTransport } from './clients/index.js';
export type { NodeFetchOptions, NodeWebSocketClientTransportOptions } from './clients/index.js';
export { main as runCli } from './cli/main.js';
export { defaultClaudeConfigPath, installServer } from './cli/install.js';
export type { InstallOptions } from './cli/install.js';
export { CliError, loadServer } from './cli/load-server.js';
export { runStdio } from './cli/run.js';
export { serveHttp } from './cli/serve-http.js';
