/**
 * @module
 * The WebSocket client transport on Node, with the `ws` package as its `WebSocket`.
 */
import { connect as netConnect, isIP, type NetConnectOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { Subject } from 'rxjs';
import type { ClientOptions } from 'ws';
import type WebSocket from 'ws';
import { AuthorizedWebSocket } from '../auth/authorized-websocket.js';
import { failInFlightOnReconnect } from '../auth/fail-in-flight-on-reconnect.js';
import { loadPeer } from '../optional-peer.js';
import { corkPerTick } from '../cork-per-tick.js';
import type { HttpAuthProvider } from '../../transport/http/http-auth.js';
import type { Transport, TransportHealth } from '../../transport/transport.js';
import {
  createWebSocketClientTransport,
  type WebSocketClientTransportOptions,
  type WebSocketConstructor,
} from '../../transport/websocket/websocket-client.js';

/** Options of {@link createNodeWebSocketClientTransport}. */
export interface NodeWebSocketClientTransportOptions extends Omit<WebSocketClientTransportOptions, 'WebSocket'> {
  /** Options of `ws` (`headers`, `handshakeTimeout`, TLS, `maxPayload`, …). @defaultValue none */
  ws?: ClientOptions;
  /**
   * Authorize the upgrade (`createOAuthClient` of rxmcp/auth, or any {@link HttpAuthProvider}):
   * its `Authorization` (and `DPoP`, for `GET` on the `http(s):` form of the URL) go on the
   * upgrade request; a refusal with 401, or 403 `insufficient_scope`, runs its flow and upgrades
   * again. When the server closes the connection because the token expired (code 4401, see
   * `tokenExpiry`), the transport gets a fresh token (a refresh), reconnects and replays the
   * `initialize` handshake, so the session carries on: `health$` reports `reconnecting` then
   * `connected`, and the requests that were in flight fail with kind `'transport'` (the server
   * dropped them; they are not sent twice). Browsers cannot send upgrade headers, so there is no
   * such option on `createWebSocketClientTransport`: use Streamable HTTP there.
   * @defaultValue none
   */
  auth?: HttpAuthProvider;
}

/**
 * Creates a WebSocket client transport on Node with `ws` (Node 20 has no global `WebSocket`).
 * Unlike a browser, `ws` can send headers in the handshake (`ws: { headers }`), so it can be
 * authorized with OAuth (`auth`).
 *
 * @example
 * const auth = createOAuthClient({ preRegistered: { client_id: 'cli', token_endpoint_auth_method: 'none' }, redirectUri, authorize: (await loopbackRedirect()).authorize });
 * const client = new McpClient(() => createNodeWebSocketClientTransport('wss://mcp.example.com/ws', { auth }));
 * @example
 * const transport = createNodeWebSocketClientTransport('ws://127.0.0.1:3000/ws', {
 *   ws: { headers: { Authorization: `Bearer ${token}` } },
 * });
 */
export function createNodeWebSocketClientTransport(
  url: string | URL,
  options: NodeWebSocketClientTransportOptions = {},
): Transport {
  const { ws: wsOptions, auth, ...rest } = options;
  const NodeWebSocket = class extends loadPeer<typeof WebSocket>('ws', 'createNodeWebSocketClientTransport') {
    constructor(address: string | URL, protocols?: string | string[], headers?: Readonly<Record<string, string>>) {
      // Unless the caller connects the socket itself, keep it to cork it per tick around sends.
      const connected: { socket?: Socket } = {};
      const secure = /^(wss|https):$/.test(new URL(address).protocol);
      const createConnection =
        wsOptions?.createConnection ??
        ((connectOptions: ConnectOptions) =>
          (connected.socket = secure ? tlsConnectLikeWs(connectOptions) : netConnectLikeWs(connectOptions)));
      super(address, protocols, {
        ...wsOptions,
        ...(headers && { headers: { ...wsOptions?.headers, ...headers } }),
        createConnection,
      } as ClientOptions);
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
  if (!auth)
    return createWebSocketClientTransport(url, {
      ...rest,
      WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
    });
  const health = new Subject<TransportHealth>();
  const Authorized = function (address: string | URL, protocols?: string | string[]) {
    return new AuthorizedWebSocket(address, {
      auth,
      health,
      open: (headers) => new NodeWebSocket(address, protocols, headers),
    });
  };
  return failInFlightOnReconnect(
    createWebSocketClientTransport(url, { ...rest, WebSocket: Authorized as unknown as WebSocketConstructor }),
    health.asObservable(),
  );
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
  if (!options.servername && options.servername !== '')
    options.servername = isIP(options.host ?? '') ? '' : options.host;
  return tlsConnect(options);
}
