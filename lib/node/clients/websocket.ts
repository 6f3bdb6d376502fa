/**
 * @module
 * The WebSocket client transport on Node, with the `ws` package as its `WebSocket`.
 */
import WebSocket, { type ClientOptions } from 'ws';
import type { Transport } from '../../transport/transport.js';
import {
  createWebSocketClientTransport,
  type WebSocketClientTransportOptions,
  type WebSocketConstructor,
} from '../../transport/websocket/websocket-client.js';

/** Options of {@link createNodeWebSocketClientTransport}. */
export interface NodeWebSocketClientTransportOptions extends Omit<WebSocketClientTransportOptions, 'WebSocket'> {
  /** Options of `ws` (`headers`, `handshakeTimeout`, TLS, `maxPayload`, …). @defaultValue none */
  ws?: ClientOptions;
}

/**
 * Creates a WebSocket client transport on Node with `ws` (Node 20 has no global `WebSocket`).
 * Unlike a browser, `ws` can send headers in the handshake (`ws: { headers }`).
 *
 * @example
 * const transport = createNodeWebSocketClientTransport('ws://127.0.0.1:3000/mcp', {
 *   ws: { headers: { Authorization: `Bearer ${token}` } },
 * });
 */
export function createNodeWebSocketClientTransport(url: string | URL, options: NodeWebSocketClientTransportOptions = {}): Transport {
  const { ws: wsOptions, ...rest } = options;
  const NodeWebSocket = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, wsOptions);
    }
  };
  return createWebSocketClientTransport(url, { ...rest, WebSocket: NodeWebSocket as unknown as WebSocketConstructor });
}
