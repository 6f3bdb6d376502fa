/**
 * @module
 * The HTTP+SSE transport of MCP revision 2024-11-05, for older clients, on web `Request` /
 * `Response`: a GET opens an SSE stream whose first `endpoint` event names where to POST
 * messages; replies go on the stream.
 */
import { asyncScheduler, Subject, type Observer, type SchedulerLike } from 'rxjs';
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import { messageOf, type OutboundMessage } from '../../transport/related-request.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import type { ConnectableServer, ServerTransportInfo } from '../connectable.js';
import { LIMIT_EXCEEDED, limitMessage } from '../limits.js';
import type { RequestFacts } from '../modern/envelope.js';
import { hostLimits, refuseSessionOverLimit, type HostLimitOptions } from './host-limits.js';
import { isAnswer, type HttpAnswer } from './http-answer.js';
import { internalError, jsonRpcError, refuseNonJson, sessionNotFound, TRANSPORT_ERROR } from './http-utils.js';
import { bodyReadOptions, readMessage } from './read-message.js';
import { requestFactsOf } from './request-facts.js';
import { newSessionId, SessionTable } from './session-ids.js';
import { openSseConnection, type SseConnection } from './sse-connection.js';

const TEXT_PLAIN: Readonly<Record<string, string>> = { 'content-type': 'text/plain' };

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
  /** Where keep-alive comments are timed. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
}

/** The two endpoints of the legacy transport. Create with {@link createLegacySseHandler}. */
export interface LegacySseHandler {
  /**
   * Serves `GET <sse path>`: opens the stream of a new session and announces
   * `<messagesPath>?sessionId=…` as its endpoint (a path, resolved by the client against the
   * stream's URL).
   */
  handleStream(request: Request, messagesPath: string): HttpAnswer;
  /**
   * Serves `POST <messages path>?sessionId=…` (`Content-Type: application/json`, else 415): 202,
   * the reply goes on the session's stream.
   */
  handleMessage(request: Request): Promise<HttpAnswer>;
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
    if ('method' in message && 'id' in message && message.id !== undefined)
      (this.#facts ??= new Map()).set(message.id, facts);
    this.inbound.next(message);
  }

  get outbound(): Observer<OutboundMessage> {
    return this;
  }

  next(message: OutboundMessage): void {
    const plain = messageOf(message);
    if (this.#facts && !('method' in plain) && plain.id !== null && plain.id !== undefined)
      this.#facts.delete(plain.id);
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
 * Creates the legacy HTTP+SSE endpoints serving `server` on web `Request` / `Response`; each
 * stream is one session.
 *
 * @example
 * const legacy = createLegacySseHandler(server);
 * const answer = url.pathname === '/sse' ? legacy.handleStream(request, '/messages') : await legacy.handleMessage(request);
 * return toResponse(answer);
 */
export function createLegacySseHandler(server: ConnectableServer, options: LegacySseOptions = {}): LegacySseHandler {
  const sessions = new SessionTable<LegacySession>();
  const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxBodyBytes });
  const scheduler = options.scheduler ?? asyncScheduler;
  const body = bodyReadOptions(limits.maxMessageBytes, limits.bodyTimeout, scheduler);

  const handleMessage = async (request: Request): Promise<HttpAnswer> => {
    const refusal = refuseNonJson(request) ?? refuseUnknownSession(request);
    if (refusal) {
      void request.body?.cancel().catch(() => undefined);
      return refusal;
    }
    const session = sessions.get(new URL(request.url).searchParams.get('sessionId')!)!;
    const message = await readMessage(request, body);
    if (isAnswer(message)) return message;
    if (session.connection.queuedBytes > limits.highWaterBytes) {
      // Backpressure: the client is not reading its stream; it may send again once it has.
      const id = 'id' in message && message.id !== undefined ? message.id : null;
      return jsonRpcError(
        503,
        LIMIT_EXCEEDED,
        `Service Unavailable: the session's stream is not being read (${limitMessage('highWaterBytes', limits.highWaterBytes)})`,
        {
          id,
          data: { limit: 'highWaterBytes', value: limits.highWaterBytes },
          headers: { 'retry-after': '1' },
        },
      );
    }
    session.receive(message, requestFactsOf(request));
    return { status: 202, headers: TEXT_PLAIN, body: 'Accepted' };
  };

  const refuseUnknownSession = (request: Request): HttpAnswer | undefined => {
    const sessionId = new URL(request.url).searchParams.get('sessionId');
    if (!sessionId) return jsonRpcError(400, TRANSPORT_ERROR, 'Bad Request: sessionId query parameter is required');
    return sessions.has(sessionId) ? undefined : sessionNotFound();
  };

  return {
    handleStream(_request, messagesPath) {
      if (!budget.tryAcquire()) return refuseSessionOverLimit(budget);
      const sessionId = newSessionId();
      const connection = openSseConnection({
        keepAliveInterval: options.keepAliveInterval,
        maxQueuedBytes: limits.maxQueuedBytes,
        scheduler,
      });
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
      return connection.answer;
    },
    handleMessage(request) {
      return handleMessage(request).catch(internalError);
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
      body.deadlines?.close();
    },
  };
}
