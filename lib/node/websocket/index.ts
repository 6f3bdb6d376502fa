/**
 * @module
 * MCP over WebSocket for Node (`ws`): a server transport per connection, and an upgrade handler
 * for an existing `http.Server`.
 */
export { createWebSocketServerTransport, type WebSocketServerTransportOptions } from './server-transport.js';
export {
  attachMcpWebSocket,
  createMcpWebSocketHandler,
  MCP_SUBPROTOCOL,
  type McpWebSocketHandler,
  type McpWebSocketOptions,
} from './upgrade-handler.js';
