/**
 * @module
 * The HTTP+SSE transport of MCP revision 2024-11-05, for older clients: a GET opens an SSE
 * stream whose first `endpoint` event names where to POST messages; replies go on the stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Subject, type Observer } from 'rxjs';
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import type { ConnectableServer, ServerTransportInfo } from '../../server/connectable.js';
import type { RequestFacts } from '../../server/modern/envelope.js';
import { requestFactsOf } from './request-facts.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import { LIMIT_EXCEEDED, limitMessage } from '../../server/limits.js';
import { hostLimits, refuseSessionOverLimit, type HostLimitOptions } from './host-limits.js';
import { readMessage, requireJsonBody, sendJsonRpcError, sendSessionNotFound, serveAsync, TRANSPORT_ERROR } from './http-utils.js';
import { newSessionId, SessionTable } from './session-ids.js';
import { openSseConnection, type SseConnection } from './sse-connection.js';
import { messageOf, type OutboundMessage } from '../../transport/related-request.js';

/** Options of {@link createLegacySseHandler}. */
export interface LegacySseOptions extends HostLimitOptions {
  /** Milliseconds between `: keep-alive` comments; 0 disables. @defaultValue 15 000 */
  keepAliveInterval?: number;
  /**
   * The largest POSTed body in bytes (larger → 413).
   *
   * @deprecated use `limits.maxMessageBytes`
   * @defaultValue 4 MiB
   */
  maxBodyBytes?: number;
}

/** The two endpoints of the legacy transport. Create with {@link createLegacySseHandler}. */
export interface LegacySseHandler {
  /**
   * Serves `GET <sse path>`: opens the stream of a new session and announces
   * `<messagesPath>?sessionId=…` as its endpoint (a path, resolved by the client against the
   * stream's URL).
   */
  handleStream(req: IncomingMessage, res: ServerResponse, messagesPath: string): void;
  /**
   * Serves `POST <messages path>?sessionId=…` (`Content-Type: application/json`, else 415): 202,
   * the reply goes on the session's stream.
   */
  handleMessage(req: IncomingMessage, res: ServerResponse): void;
  /** The number of open sessions. */
  readonly sessionCount: number;
  /** Bytes written to the sessions' streams and not yet sent. */
  readonly queuedBytes: number;
  /** Ends every stream and session. */
  close(): void;
}

/**
 * One session: its SSE stream and its transport. A class, as a server holds one per stream: it
 * is its own `outbound`, with shared methods.
 */
class LegacySession implements Transport, Observer<JSONRPCMessage> {
  readonly inbound = new Subject<JSONRPCMessage | InvalidFrame>();
  readonly inbound$ = this.inbound.asObservable();
  readonly info: ServerTransportInfo;
  /** What the POST of each request in flight tells handlers (`ctx.http`, `ctx.auth`), made on first request. */
  #facts: Map<RequestId, RequestFacts> | undefined;

  constructor(
    sessionId: string,
    readonly connection: SseConnection,
  ) {
    this.info = { sessionId, requestFacts: (id) => this.#facts?.get(id) };
  }

  /** Passes a POSTed message on, remembering the facts of a request until its response. */
  receive(message: JSONRPCMessage, facts: RequestFacts): void {
    if ('method' in message && 'id' in message && message.id !== undefined) (this.#facts ??= new Map()).set(message.id, facts);
    this.inbound.next(message);
  }

  get outbound(): Observer<OutboundMessage> {
    return this;
  }

  next(message: OutboundMessage): void {
    const plain = messageOf(message);
    if (this.#facts && !('method' in plain) && plain.id !== null && plain.id !== undefined) this.#facts.delete(plain.id);
    this.connection.send(JSON.stringify(plain), { event: 'message' });
  }

  error(): void {
    this.connection.end();
  }

  complete(): void {
    this.connection.end();
  }
}

/**
 * Creates the legacy HTTP+SSE endpoints serving `server`; each stream is one session.
 *
 * @example
 * const legacy = createLegacySseHandler(server);
 * router.get('/sse', (req, res) => legacy.handleStream(req, res, '/messages'));
 * router.post('/messages', (req, res) => legacy.handleMessage(req, res));
 */
export function createLegacySseHandler(server: ConnectableServer, options: LegacySseOptions = {}): LegacySseHandler {
  const sessions = new SessionTable<LegacySession>();
  const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxBodyBytes });

  const handleMessage = async (req: IncomingMessage, res: ServerResponse) => {
    if (!requireJsonBody(req, res)) return;
    const sessionId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('sessionId');
    if (!sessionId) {
      req.resume();
      sendJsonRpcError(res, 400, TRANSPORT_ERROR, 'Bad Request: sessionId query parameter is required');
      return;
    }
    const session = sessions.get(sessionId);
    if (!session) {
      req.resume();
      sendSessionNotFound(res);
      return;
    }
    const message = await readMessage(req, res, limits.maxMessageBytes, limits.bodyTimeout);
    if (!message) return;
    if (session.connection.queuedBytes > limits.highWaterBytes) {
      // Backpressure: the client is not reading its stream; it may send again once it has.
      const id = 'id' in message && message.id !== undefined ? message.id : null;
      sendJsonRpcError(res, 503, LIMIT_EXCEEDED, `Service Unavailable: the session's stream is not being read (${limitMessage('highWaterBytes', limits.highWaterBytes)})`, {
        id,
        data: { limit: 'highWaterBytes', value: limits.highWaterBytes },
        headers: { 'retry-after': '1' },
      });
      return;
    }
    res.writeHead(202, { 'content-type': 'text/plain' }).end('Accepted');
    session.receive(message, requestFactsOf(req));
  };

  return {
    handleStream(_req, res, messagesPath) {
      if (!budget.tryAcquire()) {
        refuseSessionOverLimit(res, budget);
        return;
      }
      const sessionId = newSessionId();
      const connection = openSseConnection(res, { keepAliveInterval: options.keepAliveInterval, maxQueuedBytes: limits.maxQueuedBytes });
      const session = new LegacySession(sessionId, connection);
      sessions.set(sessionId, session);
      connection.send(`${messagesPath}?sessionId=${encodeURIComponent(sessionId)}`, { event: 'endpoint' });
      const subscription = server.connect(session, { requireInitialize: true });
      connection.onClose(() => {
        sessions.delete(sessionId);
        budget.release();
        session.inbound.complete();
        subscription.unsubscribe();
      });
    },
    handleMessage(req, res) {
      serveAsync(res, handleMessage(req, res));
    },
    get sessionCount() {
      return sessions.size;
    },
    get queuedBytes() {
      let bytes = 0;
      for (const session of sessions.values()) bytes += session.connection.queuedBytes;
      return bytes;
    },
    close() {
      for (const session of [...sessions.values()]) session.connection.end();
      sessions.clear();
    },
  };
}
