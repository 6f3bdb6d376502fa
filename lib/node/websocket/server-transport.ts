/**
 * @module
 * The server side of one MCP WebSocket connection (`ws` library) as a {@link Transport}.
 */
import type { Writable } from 'node:stream';
import { Observable, type Observer } from 'rxjs';
import type { WebSocket } from 'ws';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { parseMessage } from '../../transport/parse-message.js';
import { corkPerTick } from '../cork-per-tick.js';
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
  /**
   * The connection's underlying stream (the socket of the upgrade request), corked for a tick
   * around sends so the frames of one tick leave in one write. Without it, each frame is written
   * on its own.
   */
  stream?: Writable;
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
      const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
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

  const beforeSend = options.stream ? corkPerTick(options.stream) : undefined;
  const outbound: Observer<JSONRPCMessage> = {
    next: (message) => {
      if (socket.readyState !== OPEN) return;
      beforeSend?.();
      socket.send(JSON.stringify(message));
    },
    error: () => socket.close(1011),
    complete: () => socket.close(1000),
  };

  return { inbound$, outbound };
}
