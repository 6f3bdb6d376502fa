/**
 * @module
 * The WebSocket client transport, isomorphic: the `WebSocket` class is injected (default
 * `globalThis.WebSocket`).
 */
export {
  createWebSocketClientTransport,
  type WebSocketClientTransportOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from './websocket-client.js';
