/**
 * @module
 * One Streamable HTTP session: the {@link Transport} a server session runs on, and the routing
 * of its outgoing messages to the HTTP responses they belong to.
 *
 * A POSTed request is answered with `application/json` when its response is the first message
 * related to it; the first related notification or request instead upgrades the answer to
 * `text/event-stream`, which then carries everything related to the request and ends with the
 * response (with `sseResponses`, every answer is a stream from the start). Messages related to no open request go on the standalone GET stream.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Subject } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../../protocol/jsonrpc.js';
import { relatedRequestId } from '../../transport/related-request.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import type { ServerTransportInfo } from '../../server/connectable.js';
import type { EventStore } from './event-store.js';
import { sendJson, sendJsonRpcError } from './http-utils.js';
import { openSseConnection, type SseConnection } from './sse-connection.js';

/** Settings a session gets from its handler. */
export interface StreamableSessionSettings {
  /** The session id (`undefined` in stateless mode). */
  readonly id: string | undefined;
  readonly eventStore: EventStore | undefined;
  /** The `retry` field of priming events, in milliseconds. */
  readonly retryInterval: number | undefined;
  readonly keepAliveInterval: number;
  /** Milliseconds without any open HTTP exchange before the session closes; 0 = never. */
  readonly idleTimeout: number;
  /** Answer every request with an SSE stream opened at once, rather than JSON when possible. */
  readonly sseResponses?: boolean;
}

/** One session of the Streamable HTTP transport. */
export interface StreamableSession {
  readonly id: string | undefined;
  readonly transport: Transport;
  readonly closed: boolean;
  /**
   * Passes a POSTed request on and answers `res` with its response (JSON or SSE); `false` (and
   * nothing done) when a request with the same id is still in flight.
   */
  handleRequest(request: JSONRPCRequest, res: ServerResponse, protocolVersion: string): boolean;
  /** Passes a POSTed notification or response on. */
  receive(message: JSONRPCMessage): void;
  /** Opens the standalone GET stream on `res`; `false` if one is already open. */
  openStandaloneStream(res: ServerResponse, protocolVersion: string): boolean;
  /**
   * Resumes the stream of `lastEventId` on `res`: replays what followed it, then carries on live
   * if the stream is still open. `false` if the id is unknown, expired or not this session's.
   */
  resumeStream(lastEventId: string, res: ServerResponse, protocolVersion: string): boolean;
  /** Counts `res` as activity (the idle timer runs only while no response is open). */
  track(res: ServerResponse): void;
  /** Ends the session: open streams end and `inbound$` completes. */
  close(): void;
  /** Calls `listener` once when the session has closed, however it closed. */
  onClose(listener: () => void): void;
}

interface StreamState {
  readonly id: string;
  connection: SseConnection | undefined;
  /** A priming event was sent: events get ids and are stored for replay. */
  resumable: boolean;
}

interface Exchange {
  /** The POST's response while it still waits for the first related message. */
  res: ServerResponse | undefined;
  stream: StreamState | undefined;
  readonly protocolVersion: string;
  readonly initialize: boolean;
}

/** The first revision whose clients accept the empty-data priming event. */
const PRIMING_SINCE = '2025-11-25';

/**
 * Creates a session. The caller connects `transport` to a server and registers the session.
 *
 * @example
 * const session = createStreamableSession(settings);
 * const connection = server.connect(session.transport);
 * session.onClose(() => connection.unsubscribe());
 */
export function createStreamableSession(settings: StreamableSessionSettings): StreamableSession {
  const inbound = new Subject<JSONRPCMessage | InvalidFrame>();
  const exchanges = new Map<RequestId, Exchange>();
  const streams = new Map<string, StreamState>();
  const ownedStreams = new Set<string>();
  const listeners: (() => void)[] = [];
  const tag = randomBytes(9).toString('base64url');
  const standalone: StreamState = { id: `${tag}.0`, connection: undefined, resumable: false };
  const headers: Record<string, string> = settings.id === undefined ? {} : { 'mcp-session-id': settings.id };
  let streamCounter = 0;
  /** The revision `initialize` negotiated: it decides priming over a request's header. */
  let negotiatedVersion: string | undefined;
  let closed = false;
  let openResponses = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const armIdleTimer = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
    if (closed || settings.idleTimeout <= 0 || openResponses > 0) return;
    idleTimer = setTimeout(close, settings.idleTimeout);
    idleTimer.unref();
  };

  /** Whether a stream opened now gets a priming event, and so can be resumed. */
  const primes = (protocolVersion: string) => settings.eventStore !== undefined && (negotiatedVersion ?? protocolVersion) >= PRIMING_SINCE;

  const attach = (stream: StreamState, res: ServerResponse, protocolVersion: string, prime: boolean): SseConnection => {
    const connection = openSseConnection(res, { headers, keepAliveInterval: settings.keepAliveInterval });
    stream.connection?.end();
    stream.connection = connection;
    connection.onClose(() => {
      if (stream.connection === connection) stream.connection = undefined;
    });
    if (prime && settings.eventStore && primes(protocolVersion)) {
      connection.prime(settings.eventStore.storeEvent(stream.id), settings.retryInterval);
      stream.resumable = true;
      ownedStreams.add(stream.id);
    }
    return connection;
  };

  const sendOnStream = (stream: StreamState, message: JSONRPCMessage) => {
    const eventId = stream.resumable && settings.eventStore ? settings.eventStore.storeEvent(stream.id, message) : undefined;
    stream.connection?.send(JSON.stringify(message), { id: eventId, event: 'message' });
  };

  const finish = (requestId: RequestId, exchange: Exchange) => {
    exchanges.delete(requestId);
    if (exchange.stream) {
      streams.delete(exchange.stream.id);
      exchange.stream.connection?.end();
    }
  };

  /** Answers the exchange's POST with an SSE stream (primed when resumable). */
  const upgrade = (exchange: Exchange, res: ServerResponse): StreamState => {
    const stream: StreamState = { id: `${tag}.${++streamCounter}`, connection: undefined, resumable: false };
    exchange.stream = stream;
    streams.set(stream.id, stream);
    attach(stream, res, exchange.protocolVersion, true);
    return stream;
  };

  const deliver = (requestId: RequestId, exchange: Exchange, message: JSONRPCMessage) => {
    const isResponse = !('method' in message);
    if (!exchange.stream) {
      const res = exchange.res;
      exchange.res = undefined;
      if (!res) {
        // The client went away before anything could be sent: nothing can reach it any more.
        if (isResponse) exchanges.delete(requestId);
        return;
      }
      if (isResponse) {
        exchanges.delete(requestId);
        sendJson(res, message, headers);
        if (exchange.initialize && 'error' in message) close();
        return;
      }
      upgrade(exchange, res);
    }
    sendOnStream(exchange.stream!, message);
    if (isResponse) {
      finish(requestId, exchange);
      if (exchange.initialize && 'error' in message) close();
    }
  };

  /**
   * Ends the HTTP response carrying `requestId`'s messages while the request goes on (SSE polling,
   * SEP-1699): the client resumes with `Last-Event-ID` and gets the rest from the event store.
   * Only a resumable stream is closed, so nothing can be lost; `false` when nothing was closed.
   */
  const closeStream = (requestId: RequestId): boolean => {
    const exchange = exchanges.get(requestId);
    if (!exchange) return false;
    if (!exchange.stream) {
      const res = exchange.res;
      if (!res || !primes(exchange.protocolVersion)) return false;
      exchange.res = undefined;
      upgrade(exchange, res);
    }
    const { stream } = exchange;
    if (!stream?.resumable || !stream.connection) return false;
    stream.connection.end();
    return true;
  };

  const close = () => {
    if (closed) return;
    closed = true;
    if (idleTimer) clearTimeout(idleTimer);
    for (const [requestId, exchange] of exchanges) {
      if (exchange.res) sendJsonRpcError(exchange.res, 404, ErrorCode.ConnectionClosed, 'Session closed', { id: requestId });
      exchange.stream?.connection?.end();
    }
    exchanges.clear();
    standalone.connection?.end();
    streams.clear();
    for (const streamId of ownedStreams) settings.eventStore?.deleteStream?.(streamId);
    ownedStreams.clear();
    inbound.complete();
    for (const listener of listeners.splice(0)) listener();
  };

  const transport: Transport & { info: ServerTransportInfo } = {
    inbound$: inbound.asObservable(),
    outbound: {
      next: (message) => {
        if (closed) return;
        const requestId = relatedRequestId(message);
        const exchange = requestId === undefined ? undefined : exchanges.get(requestId);
        if (exchange) deliver(requestId!, exchange, message);
        else if ('method' in message) sendOnStream(standalone, message);
        // A response to a request whose exchange is gone has nowhere to go.
      },
      error: () => close(),
      complete: () => close(),
    },
    info: {
      sessionId: settings.id,
      closeStream,
      setProtocolVersion: (version) => {
        negotiatedVersion = version;
      },
    },
  };

  return {
    id: settings.id,
    transport,
    get closed() {
      return closed;
    },
    handleRequest(request, res, protocolVersion) {
      if (exchanges.has(request.id)) return false;
      const exchange: Exchange = { res: undefined, stream: undefined, protocolVersion, initialize: request.method === 'initialize' };
      exchanges.set(request.id, exchange);
      if (settings.sseResponses) upgrade(exchange, res);
      else {
        exchange.res = res;
        res.on('close', () => {
          if (exchange.res === res) exchange.res = undefined;
        });
      }
      inbound.next(request);
      return true;
    },
    receive(message) {
      inbound.next(message);
    },
    openStandaloneStream(res, protocolVersion) {
      if (standalone.connection) return false;
      attach(standalone, res, protocolVersion, true);
      return true;
    },
    resumeStream(lastEventId, res, protocolVersion) {
      const replayed: [string, JSONRPCMessage][] = [];
      const streamId = settings.eventStore?.replayEventsAfter(lastEventId, (id, message) => replayed.push([id, message]));
      if (streamId === undefined || !streamId.startsWith(`${tag}.`)) return false;
      const live = streamId === standalone.id ? standalone : streams.get(streamId);
      const connection = live
        ? attach(live, res, protocolVersion, false)
        : openSseConnection(res, { headers, keepAliveInterval: settings.keepAliveInterval });
      for (const [id, message] of replayed) connection.send(JSON.stringify(message), { id, event: 'message' });
      if (live) live.resumable = true;
      else connection.end();
      return true;
    },
    track(res) {
      openResponses++;
      armIdleTimer();
      res.on('close', () => {
        openResponses--;
        armIdleTimer();
      });
    },
    close,
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
