/**
 * @module
 * The server side of one MCP WebSocket connection (`ws` library) as a {@link Transport}.
 */
import { Observable, type Observer } from 'rxjs';
import type { WebSocket } from 'ws';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { parseMessage } from '../../transport/parse-message.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';

/** Options of {@link createWebSocketServerTransport}. */
export interface WebSocketServerTransportOptions {
  /**
   * Milliseconds between pings while `inbound$` is subscribed; a peer that has not answered the
   * previous ping by the next one is terminated. 0 disables pings.
   *
   * @defaultValue 30 000
   */
  pingInterval?: number;
}

const OPEN = 1;

/**
 * Wraps an open `ws` socket. Each text frame is one JSON-RPC message (a malformed one becomes an
 * {@link InvalidFrame}, so the session answers -32700 and carries on). `inbound$` completes when
 * the socket closes and errors (kind `'transport'`) when it fails; `outbound.complete()` closes
 * the socket with code 1000, `outbound.error()` with 1011.
 *
 * @example
 * wss.on('connection', (socket) => server.connect(createWebSocketServerTransport(socket)));
 */
export function createWebSocketServerTransport(socket: WebSocket, options: WebSocketServerTransportOptions = {}): Transport {
  const pingInterval = options.pingInterval ?? 30_000;

  const inbound$ = new Observable<JSONRPCMessage | InvalidFrame>((subscriber) => {
    if (socket.readyState !== OPEN) {
      subscriber.complete();
      return;
    }
    let alive = true;
    const onMessage = (data: Buffer | ArrayBuffer | Buffer[]) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      subscriber.next(parseMessage(buffer.toString('utf8')));
    };
    const onPong = () => {
      alive = true;
    };
    const onClose = () => subscriber.complete();
    const onError = (error: Error) => subscriber.error(new McpError('transport', `WebSocket failed: ${error.message}`, { cause: error }));
    socket.on('message', onMessage);
    socket.on('pong', onPong);
    socket.on('close', onClose);
    socket.on('error', onError);
    const pinger =
      pingInterval > 0
        ? setInterval(() => {
            if (!alive) {
              socket.terminate();
              return;
            }
            alive = false;
            socket.ping();
          }, pingInterval)
        : undefined;
    pinger?.unref();
    return () => {
      if (pinger) clearInterval(pinger);
      socket.off('message', onMessage);
      socket.off('pong', onPong);
      socket.off('close', onClose);
      socket.off('error', onError);
    };
  });

  const outbound: Observer<JSONRPCMessage> = {
    next: (message) => {
      if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    error: () => socket.close(1011),
    complete: () => socket.close(1000),
  };

  return { inbound$, outbound };
}
