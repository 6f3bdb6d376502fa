/**
 * @module
 * One Streamable HTTP session: the {@link Transport} a server session runs on, and the routing
 * of its outgoing messages to the web `Response`s they belong to.
 *
 * A POSTed request is answered with `application/json` when its response is the first message
 * related to it; the first related notification or request instead upgrades the answer to
 * `text/event-stream`, which then carries everything related to the request and ends with the
 * response (with `sseResponses`, every answer is a stream from the start). Messages related to no
 * open request go on the standalone GET stream.
 */
import { Subject, type Observer, type SchedulerLike } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../../protocol/jsonrpc.js';
import { cancelledRequestId } from '../../transport/http/http-messages.js';
import { messageOf, relatedRequestId, type OutboundMessage } from '../../transport/related-request.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import type { ServerTransportInfo } from '../connectable.js';
import type { EventStore } from './event-store.js';
import type { HttpAnswer } from './http-answer.js';
import { emptyAnswer, jsonAnswer, jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';
import { endWithErrors, lostResponses } from './lost-requests.js';
import { openSseConnection, SSE_HEADERS, type SseConnection } from './sse-connection.js';
import { randomToken } from './random-token.js';
import { SessionActivity } from './session-activity.js';
import { isThenable, sessionStreamPrefix, SessionStream } from './session-stream.js';
import type { RequestFacts } from '../modern/envelope.js';

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
  /** Bytes queued on one SSE stream above which it is cut off (0: never). */
  readonly maxQueuedBytes?: number;
  /** Close as soon as no response is open (stateless mode: one request per session). */
  readonly closeWhenIdle?: boolean;
  /** Where the idle timeout and keep-alive comments are timed. */
  readonly scheduler: SchedulerLike;
}

/** One session of the Streamable HTTP transport. */
export interface StreamableSession {
  readonly id: string | undefined;
  readonly transport: Transport;
  readonly closed: boolean;
  /**
   * Passes a POSTed request on; the answer (JSON or SSE) settles once the first related message
   * is sent. `undefined` (and nothing done) when a request with the same id is still in flight.
   * `signal` aborting means the client went away (a function is called only if the answer is not
   * ready once the request has been passed on, so most requests never make one). `waitUntil` (a Worker's `ctx.waitUntil`) keeps
   * the request alive when it goes on after its response stream was closed (`closeStream`).
   * `facts` is what the POST tells handlers (`ctx.http`, `ctx.auth`).
   */
  handleRequest(
    request: JSONRPCRequest,
    protocolVersion: string,
    signal?: AbortSignal | (() => AbortSignal),
    waitUntil?: WaitUntil,
    facts?: RequestFacts,
  ): Promise<HttpAnswer> | undefined;
  /** Passes a POSTed notification or response on. */
  receive(message: JSONRPCMessage): void;
  /** Opens the standalone GET stream; `undefined` if one is already open. */
  openStandaloneStream(protocolVersion: string): HttpAnswer | undefined;
  /**
   * Resumes the stream of `lastEventId`: replays what followed it, then carries on live if the
   * stream is still open. `undefined` if the id is unknown, expired or not this session's; a
   * promise when the event store answers with one (a 503 answer if it fails).
   */
  resumeStream(lastEventId: string, protocolVersion: string): HttpAnswer | undefined | Promise<HttpAnswer | undefined>;
  /** Counts a momentary exchange (a 202, a refusal) as activity: the idle countdown restarts. */
  touch(): void;
  /** Bytes written to this session's SSE streams and not yet sent. */
  readonly queuedBytes: number;
  /**
   * Ends the session: open streams end and `inbound$` completes. With `keepEvents`, the events
   * stored for its streams stay (the session goes on in another process, which replays them).
   */
  close(keepEvents?: boolean): void;
  /** Calls `listener` once when the session has closed, however it closed. */
  onClose(listener: () => void): void;
}

/** A Worker's `ctx.waitUntil`: keeps the request's work alive until `promise` settles. */
export type WaitUntil = (promise: Promise<unknown>) => void;

interface Exchange {
  readonly id: RequestId;
  /** Settles the POST's answer while it still waits for the first related message. */
  answer: ((response: HttpAnswer) => void) | undefined;
  stream: SessionStream | undefined;
  readonly protocolVersion: string;
  readonly initialize: boolean;
  readonly waitUntil: WaitUntil | undefined;
  /** Ends the `waitUntil` of a request whose stream was closed before its response. */
  done: (() => void) | undefined;
  /** What the POST tells handlers (`ctx.http`, `ctx.auth`). */
  readonly facts: RequestFacts | undefined;
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
  return new HttpSession(settings);
}

/**
 * A class, as a server holds one per open session: its methods are shared by all sessions, and
 * what only some sessions need (the in-flight exchanges, the streams of requests) is created on
 * first use and dropped when empty. The session is also its transport's `outbound` (what the
 * server sends) and `info`.
 */
class HttpSession implements StreamableSession, Observer<JSONRPCMessage>, ServerTransportInfo {
  readonly id: string | undefined;
  readonly transport: Transport & { info: ServerTransportInfo };
  readonly #settings: StreamableSessionSettings;
  readonly #inbound = new Subject<JSONRPCMessage | InvalidFrame>();
  /** The requests in flight, by id (`undefined` when there are none). */
  #exchanges: Map<RequestId, Exchange> | undefined = undefined;
  /** The open streams of requests, by stream id (`undefined` when there are none). */
  #streams: Map<string, SessionStream> | undefined = undefined;
  /** One listener, or several, or none. */
  #listeners: (() => void) | (() => void)[] | undefined = undefined;
  /**
   * Prefix of this session's stream ids: `<tag>.0` is the standalone stream, `<tag>.<n>` the n-th
   * request stream. It starts with the session id, so any process can tell whose a stream is.
   */
  readonly #tag: string;
  #standalone: SessionStream | undefined = undefined;
  #streamCounter = 0;
  /** The revision `initialize` negotiated: it decides priming over a request's header. */
  #negotiatedVersion: string | undefined = undefined;
  #closed = false;
  readonly #activity: SessionActivity;

  constructor(settings: StreamableSessionSettings) {
    this.id = settings.id;
    this.#settings = settings;
    this.#tag = settings.id === undefined ? randomToken(16) : `${sessionStreamPrefix(settings.id)}${randomToken(8)}`;
    this.#activity = new SessionActivity(settings, () => this.close());
    this.transport = { inbound$: this.#inbound.asObservable(), outbound: this, info: this };
  }

  get closed(): boolean {
    return this.#closed;
  }

  get sessionId(): string | undefined {
    return this.id;
  }

  // The transport's `outbound`: what the server sends.

  next(value: OutboundMessage): void {
    if (this.#closed) return;
    const requestId = relatedRequestId(value);
    const message = messageOf(value);
    const exchange = requestId === undefined ? undefined : this.#exchanges?.get(requestId);
    if (exchange) this.#deliver(requestId!, exchange, message);
    else if ('method' in message) this.#standaloneStream().send(message);
    // A response to a request whose exchange is gone has nowhere to go.
  }

  error(): void {
    this.close();
  }

  complete(): void {
    this.close();
  }

  // The transport's `info`.

  setProtocolVersion(version: string): void {
    this.#negotiatedVersion = version;
  }

  /**
   * Ends the HTTP response carrying `requestId`'s messages while the request goes on (SSE polling,
   * SEP-1699): the client resumes with `Last-Event-ID` and gets the rest from the event store.
   * Only a resumable stream is closed, so nothing can be lost; `false` when nothing was closed.
   */
  closeStream(requestId: RequestId): boolean {
    const exchange = this.#exchanges?.get(requestId);
    if (!exchange) return false;
    if (!exchange.stream) {
      const answer = exchange.answer;
      if (!answer || !this.#primes(exchange.protocolVersion)) return false;
      exchange.answer = undefined;
      this.#upgrade(exchange, answer);
    }
    const { stream } = exchange;
    if (!stream?.resumable || !stream.connection) return false;
    if (exchange.waitUntil && !exchange.done)
      exchange.waitUntil(new Promise<void>((resolve) => (exchange.done = resolve)));
    stream.connection.end();
    return true;
  }

  requestFacts(requestId: RequestId): RequestFacts | undefined {
    return this.#exchanges?.get(requestId)?.facts;
  }

  get queuedBytes(): number {
    let bytes = this.#standalone?.connection?.queuedBytes ?? 0;
    for (const stream of this.#streams?.values() ?? []) bytes += stream.connection?.queuedBytes ?? 0;
    return bytes;
  }

  // What the handler calls.

  handleRequest(
    request: JSONRPCRequest,
    protocolVersion: string,
    signal?: AbortSignal | (() => AbortSignal),
    waitUntil?: WaitUntil,
    facts?: RequestFacts,
  ): Promise<HttpAnswer> | undefined {
    const exchanges = (this.#exchanges ??= new Map());
    if (exchanges.has(request.id)) return undefined;
    const exchange: Exchange = {
      id: request.id,
      answer: undefined,
      stream: undefined,
      protocolVersion,
      initialize: request.method === 'initialize',
      waitUntil,
      done: undefined,
      facts,
    };
    exchanges.set(request.id, exchange);
    let listening: AbortSignal | undefined;
    let answer!: (response: HttpAnswer) => void;
    // The client went away before anything could be sent: nothing can reach it any more.
    const onAbort = () => {
      if (exchange.answer !== answer) return;
      exchange.answer = undefined;
      answer(emptyAnswer(499));
    };
    const answered = new Promise<HttpAnswer>((resolve) => {
      const release = this.#activity.hold();
      answer = (response) => {
        listening?.removeEventListener('abort', onAbort);
        resolve(response);
        // An SSE answer counts as activity by itself while its stream is open.
        release();
      };
      if (this.#settings.sseResponses) this.#upgrade(exchange, answer);
      else exchange.answer = answer;
    });
    this.#inbound.next(request);
    // Only an answer still pending needs to know if the client leaves (most are sent by now).
    if (signal && exchange.answer === answer) {
      const watched = typeof signal === 'function' ? signal() : signal;
      if (watched.aborted) onAbort();
      else {
        listening = watched;
        watched.addEventListener('abort', onAbort);
      }
    }
    return answered;
  }

  receive(message: JSONRPCMessage): void {
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) this.#abandon(cancelled);
    this.#inbound.next(message);
  }

  openStandaloneStream(protocolVersion: string): HttpAnswer | undefined {
    const standalone = this.#standaloneStream();
    if (standalone.connection) return undefined;
    return this.#attach(standalone, protocolVersion, true).answer;
  }

  resumeStream(lastEventId: string, protocolVersion: string): HttpAnswer | undefined | Promise<HttpAnswer | undefined> {
    const { eventStore } = this.#settings;
    if (!eventStore || !this.#owns(lastEventId)) return undefined;
    const replayed: [string, JSONRPCMessage][] = [];
    const result = eventStore.replayEventsAfter(lastEventId, (id, message) => replayed.push([id, message]));
    // `null`: the store failed.
    const resume = (streamId: string | undefined | null): HttpAnswer | undefined => {
      if (streamId === null)
        return jsonRpcError(503, TRANSPORT_ERROR, 'Service Unavailable: the event store did not answer; retry');
      if (this.#closed || streamId === undefined || !this.#owns(streamId)) return undefined;
      if (!streamId.startsWith(`${this.#tag}.`)) return this.#resumeEarlier(streamId, replayed, protocolVersion);
      const live = streamId === `${this.#tag}.0` ? this.#standaloneStream() : this.#streams?.get(streamId);
      const connection = live ? this.#attach(live, protocolVersion, false) : this.#open();
      for (const [id, message] of replayed) connection.send(JSON.stringify(message), { id, event: 'message' });
      if (live) live.resumable = true;
      else connection.end();
      return connection.answer;
    };
    if (!isThenable(result)) return resume(result);
    const answered = Promise.resolve(result).then(
      (streamId) => streamId,
      () => null,
    );
    // Behind the stream's pending stores: what they store is in the replay, what comes after is not.
    const live = this.#liveStreamOf(lastEventId);
    if (!live) return answered.then(resume);
    return new Promise((resolve) => live.after(answered, (streamId) => resolve(resume(streamId))));
  }

  touch(): void {
    this.#activity.hold()();
  }

  close(keepEvents = false): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#activity.stop();
    for (const [requestId, exchange] of this.#exchanges ?? []) {
      exchange.answer?.(jsonRpcError(404, ErrorCode.ConnectionClosed, 'Session closed', { id: requestId }));
      exchange.answer = undefined;
      exchange.stream?.connection?.end();
      exchange.done?.();
    }
    this.#exchanges = undefined;
    this.#standalone?.connection?.end();
    this.#streams = undefined;
    // Every stream this session could have primed: the standalone one (0) and each request's.
    const { eventStore } = this.#settings;
    if (eventStore?.deleteStream && !keepEvents) {
      const forget = (streamId: string) =>
        void Promise.resolve(eventStore.deleteStream!(streamId)).catch(() => undefined);
      if (this.#standalone?.resumable) forget(this.#standalone.id);
      for (let n = 1; n <= this.#streamCounter; n++) forget(`${this.#tag}.${n}`);
    }
    this.#inbound.complete();
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (typeof listeners === 'function') listeners();
    else if (listeners) for (const listener of listeners) listener();
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else if (this.#listeners === undefined) this.#listeners = listener;
    else if (typeof this.#listeners === 'function') this.#listeners = [this.#listeners, listener];
    else this.#listeners.push(listener);
  }

  /**
   * The rest of a stream this session had in a process that served it before (the session was
   * restored from a session store): replayed, then, for its standalone stream, carried on live as
   * this process's standalone stream (primed after the replay, so the client resumes from here
   * next time); a request's stream ends with an error for its request if it had no response, as
   * the request died with that process.
   */
  #resumeEarlier(streamId: string, replayed: [string, JSONRPCMessage][], protocolVersion: string): HttpAnswer {
    const standalone = streamId.endsWith('.0') && !this.#standalone?.connection ? this.#standaloneStream() : undefined;
    const connection = standalone ? this.#attach(standalone, protocolVersion, false) : this.#open();
    for (const [id, message] of replayed) connection.send(JSON.stringify(message), { id, event: 'message' });
    if (!standalone) endWithErrors(connection, streamId, lostResponses(this.#settings.eventStore!, streamId));
    else if (this.#primes(protocolVersion)) standalone.prime(connection, this.#settings.retryInterval);
    return connection.answer;
  }

  /** Whether a stream or event id is this session's: of this process's streams or, restored, of an earlier one's. */
  #owns(id: string): boolean {
    return id.startsWith(`${this.#tag}.`) || (this.id !== undefined && id.startsWith(sessionStreamPrefix(this.id)));
  }

  // Routing.

  #standaloneStream(): SessionStream {
    return (this.#standalone ??= new SessionStream(`${this.#tag}.0`, this.#settings.eventStore));
  }

  /** The open stream an event id of this session's belongs to (the id starts with the stream's). */
  #liveStreamOf(eventId: string): SessionStream | undefined {
    if (!eventId.startsWith(`${this.#tag}.`)) return undefined;
    const n = /^\d+/.exec(eventId.slice(this.#tag.length + 1))?.[0];
    if (n === undefined) return undefined;
    return n === '0' ? this.#standalone : this.#streams?.get(`${this.#tag}.${n}`);
  }

  /** The headers of every answer: the session id, if any. */
  #headers(): Record<string, string> | undefined {
    return this.id === undefined ? undefined : { 'mcp-session-id': this.id };
  }

  /** Whether a stream opened now gets a priming event, and so can be resumed. */
  #primes(protocolVersion: string): boolean {
    return this.#settings.eventStore !== undefined && (this.#negotiatedVersion ?? protocolVersion) >= PRIMING_SINCE;
  }

  /** Opens an SSE response, counted as activity while it is open. */
  #open(): SseConnection {
    const { keepAliveInterval, scheduler, maxQueuedBytes } = this.#settings;
    const connection = openSseConnection({ headers: this.#headers(), keepAliveInterval, scheduler, maxQueuedBytes });
    connection.onClose(this.#activity.hold());
    return connection;
  }

  #attach(stream: SessionStream, protocolVersion: string, prime: boolean): SseConnection {
    const connection = this.#open();
    stream.connection?.end();
    stream.connection = connection;
    connection.onClose(() => {
      if (stream.connection === connection) stream.connection = undefined;
    });
    if (prime && this.#primes(protocolVersion)) stream.prime(connection, this.#settings.retryInterval);
    return connection;
  }

  #forget(requestId: RequestId): void {
    const exchanges = this.#exchanges;
    exchanges?.get(requestId)?.done?.();
    if (exchanges?.delete(requestId) && exchanges.size === 0) this.#exchanges = undefined;
  }

  /**
   * Ends the HTTP answer of a request the client cancelled, which gets no response: a POST still
   * waiting for its first message gets an empty event stream, an open stream simply ends. Left
   * open, it would end only with the session, and then with a late 404 body.
   */
  #abandon(requestId: RequestId): void {
    const exchange = this.#exchanges?.get(requestId);
    if (!exchange || exchange.initialize) return;
    const answer = exchange.answer;
    exchange.answer = undefined;
    answer?.({ status: 200, headers: { ...SSE_HEADERS, ...this.#headers() }, body: '' });
    this.#finish(requestId, exchange);
  }

  #finish(requestId: RequestId, exchange: Exchange): void {
    this.#forget(requestId);
    if (exchange.stream) {
      const streams = this.#streams;
      if (streams?.delete(exchange.stream.id) && streams.size === 0) this.#streams = undefined;
      exchange.stream.end();
    }
  }

  /** Answers the exchange's POST with an SSE stream (primed when resumable). */
  #upgrade(exchange: Exchange, answer: (response: HttpAnswer) => void): void {
    const stream = new SessionStream(`${this.#tag}.${++this.#streamCounter}`, this.#settings.eventStore, [exchange.id]);
    exchange.stream = stream;
    (this.#streams ??= new Map()).set(stream.id, stream);
    answer(this.#attach(stream, exchange.protocolVersion, true).answer);
  }

  #deliver(requestId: RequestId, exchange: Exchange, message: JSONRPCMessage): void {
    const isResponse = !('method' in message);
    if (!exchange.stream) {
      const answer = exchange.answer;
      exchange.answer = undefined;
      if (!answer) {
        // The client went away before anything could be sent: nothing can reach it any more.
        if (isResponse) this.#forget(requestId);
        return;
      }
      if (isResponse) {
        this.#forget(requestId);
        answer(jsonAnswer(message, 200, this.#headers()));
      } else this.#upgrade(exchange, answer);
    }
    if (exchange.stream) {
      exchange.stream.send(message);
      if (isResponse) this.#finish(requestId, exchange);
    }
    // A failed initialize leaves no session behind.
    if (isResponse && exchange.initialize && 'error' in message) this.close();
  }
}
