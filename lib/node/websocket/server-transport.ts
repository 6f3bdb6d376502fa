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
import { startTicking, stopTicking } from '../../server/http/ticker.js';
import { unrefScheduler } from '../http/unref-scheduler.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import { messageOf, type OutboundMessage } from '../../transport/related-request.js';

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
  /**
   * Bytes queued for the peer (`bufferedAmount`) above which the socket stops being read, so a
   * peer that sends requests but does not read the answers is slowed down by TCP instead of
   * filling the server's memory; reading resumes once the queue has drained. 0 disables.
   *
   * @defaultValue 0
   */
  highWaterBytes?: number;
  /** Bytes queued for the peer above which the socket is terminated. 0 disables. @defaultValue 0 */
  maxQueuedBytes?: number;
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
export function createWebSocketServerTransport(
  socket: WebSocket,
  options: WebSocketServerTransportOptions = {},
): Transport {
  const flow =
    options.highWaterBytes || options.maxQueuedBytes
      ? new FlowControl(socket, options.stream, options.highWaterBytes ?? 0, options.maxQueuedBytes ?? 0)
      : undefined;
  return new WebSocketServerTransport(
    socket,
    options.pingInterval ?? 30_000,
    options.stream ? corkPerTick(options.stream) : undefined,
    flow,
  );
}

/**
 * One connection's transport. A class, as a server holds one per connection: `outbound` is the
 * instance itself (its methods are shared), the socket listeners are the only per-connection
 * closures, and pings ride a timer shared by every connection with the same interval.
 */
class WebSocketServerTransport implements Transport, Observer<JSONRPCMessage> {
  readonly inbound$: Observable<JSONRPCMessage | InvalidFrame>;
  readonly #socket: WebSocket;
  readonly #beforeSend: (() => void) | undefined;
  readonly #flow: FlowControl | undefined;

  constructor(
    socket: WebSocket,
    pingInterval: number,
    beforeSend: (() => void) | undefined,
    flow: FlowControl | undefined,
  ) {
    this.#socket = socket;
    this.#beforeSend = beforeSend;
    this.#flow = flow;
    this.inbound$ = new Observable<JSONRPCMessage | InvalidFrame>((subscriber) => {
      if (socket.readyState !== OPEN) {
        subscriber.complete();
        return;
      }
      const onMessage = (data: Buffer | ArrayBuffer | Buffer[]) => {
        const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        subscriber.next(parseMessage(buffer.toString('utf8')));
      };
      const onClose = () => subscriber.complete();
      const onError = (error: Error) =>
        subscriber.error(new McpError('transport', `WebSocket failed: ${error.message}`, { cause: error }));
      socket.on('message', onMessage);
      socket.on('close', onClose);
      socket.on('error', onError);
      const pinger = pingInterval > 0 ? new Pinger(socket) : undefined;
      if (pinger) startTicking(unrefScheduler, pingInterval, pinger);
      return () => {
        if (pinger) pinger.stop(pingInterval);
        socket.off('message', onMessage);
        socket.off('close', onClose);
        socket.off('error', onError);
      };
    });
  }

  get outbound(): Observer<OutboundMessage> {
    return this;
  }

  next(message: OutboundMessage): void {
    const socket = this.#socket;
    if (socket.readyState !== OPEN) return;
    this.#beforeSend?.();
    socket.send(JSON.stringify(messageOf(message)));
    this.#flow?.afterSend();
  }

  error(): void {
    this.#socket.close(1011);
  }

  complete(): void {
    this.#socket.close(1000);
  }
}

/**
 * Backpressure for one socket: past the high-water mark its reading pauses until the underlying
 * stream drains; past the cap it is terminated.
 */
class FlowControl {
  #paused = false;
  readonly #socket: WebSocket;
  readonly #stream: Writable | undefined;
  readonly #highWater: number;
  readonly #max: number;
  readonly #onDrain = () => {
    if (this.#socket.bufferedAmount > this.#highWater) return;
    this.#paused = false;
    this.#stream?.off('drain', this.#onDrain);
    this.#socket.resume();
  };

  constructor(socket: WebSocket, stream: Writable | undefined, highWater: number, max: number) {
    this.#socket = socket;
    this.#stream = stream;
    this.#highWater = highWater;
    this.#max = max;
  }

  afterSend(): void {
    const queued = this.#socket.bufferedAmount;
    if (this.#max > 0 && queued > this.#max) {
      this.#socket.terminate();
      return;
    }
    // Without the stream there is no 'drain' to resume on, so never pause.
    if (this.#paused || !this.#stream || this.#highWater <= 0 || queued <= this.#highWater) return;
    this.#paused = true;
    this.#socket.pause();
    this.#stream.on('drain', this.#onDrain);
  }
}

/**
 * Pings one socket on each tick of the shared timer; a peer that has not answered the previous
 * ping by the next tick is terminated.
 */
class Pinger {
  #alive = true;
  readonly #socket: WebSocket;
  readonly #onPong = () => {
    this.#alive = true;
  };

  constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('pong', this.#onPong);
  }

  tick(): void {
    if (!this.#alive) {
      this.#socket.terminate();
      return;
    }
    this.#alive = false;
    this.#socket.ping();
  }

  stop(interval: number): void {
    stopTicking(unrefScheduler, interval, this);
    this.#socket.off('pong', this.#onPong);
  }
}
