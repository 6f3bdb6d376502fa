/**
 * @module
 * The WebSocket client transport on Node, with the `ws` package as its `WebSocket`.
 */
import { connect as netConnect, isIP, type NetConnectOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { ClientOptions } from 'ws';
import type WebSocket from 'ws';
import { loadPeer } from '../optional-peer.js';
import { corkPerTick } from '../cork-per-tick.js';
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
 * const transport = createNodeWebSocketClientTransport('ws://127.0.0.1:3000/ws', {
 *   ws: { headers: { Authorization: `Bearer ${token}` } },
 * });
 */
export function createNodeWebSocketClientTransport(url: string | URL, options: NodeWebSocketClientTransportOptions = {}): Transport {
  const { ws: wsOptions, ...rest } = options;
  const NodeWebSocket = class extends loadPeer<typeof WebSocket>('ws', 'createNodeWebSocketClientTransport') {
    constructor(address: string | URL, protocols?: string | string[]) {
      // Unless the caller connects the socket itself, keep it to cork it per tick around sends.
      const connected: { socket?: Socket } = {};
      const secure = /^(wss|https):$/.test(new URL(address).protocol);
      const createConnection =
        wsOptions?.createConnection ??
        ((connectOptions: ConnectOptions) => (connected.socket = secure ? tlsConnectLikeWs(connectOptions) : netConnectLikeWs(connectOptions)));
      super(address, protocols, { ...wsOptions, createConnection } as ClientOptions);
      if (connected.socket) {
        // The frames sent in one tick (a burst of concurrent calls) leave in one write.
        const beforeSend = corkPerTick(connected.socket);
        const send = this.send.bind(this) as (...args: unknown[]) => void;
        this.send = ((...args: unknown[]) => {
          beforeSend();
          send(...args);
        }) as WebSocket['send'];
      }
    }
  };
  return createWebSocketClientTransport(url, { ...rest, WebSocket: NodeWebSocket as unknown as WebSocketConstructor });
}

type ConnectOptions = NetConnectOpts & TlsConnectionOptions & { socketPath?: string; host?: string };

/** What `ws` does for `ws:` URLs. */
function netConnectLikeWs(options: ConnectOptions): Socket {
  (options as { path?: string }).path = options.socketPath;
  return netConnect(options);
}

/** What `ws` does for `wss:` URLs. */
function tlsConnectLikeWs(options: ConnectOptions): Socket {
  (options as { path?: string }).path = undefined;
  if (!options.servername && options.servername !== '') options.servername = isIP(options.host ?? '') ? '' : options.host;
  return tlsConnect(options);
}
