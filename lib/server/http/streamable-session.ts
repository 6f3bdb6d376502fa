/**
 * @module
 * One Streamable HTTP session: the {@link Transport} a server session runs on, and the routing
 * of its outgoing messages to the web `Response`s they belong to (its SSE streams are
 * {@link SessionStreams}).
 *
 * A POSTed request is answered with `application/json` when its response is the first message
 * related to it; the first related notification or request instead upgrades the answer to
 * `text/event-stream`, which then carries everything related to the request and ends with the
 * response (with `sseResponses`, every answer is a stream from the start). Messages related to no
 * open request go on the standalone GET stream.
 */
import { Subject, type Observer } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../../protocol/jsonrpc.js';
import { cancelledRequestId } from '../../transport/http/http-messages.js';
import { messageOf, relatedRequestId, type OutboundMessage } from '../../transport/related-request.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import type { ServerTransportInfo } from '../connectable.js';
import type { RequestFacts } from '../modern/envelope.js';
import type { HttpAnswer } from './http-answer.js';
import { emptyAnswer, jsonAnswer, jsonRpcError } from './http-utils.js';
import { SessionActivity } from './session-activity.js';
import type { SessionStream } from './session-stream.js';
import { SessionStreams } from './session-streams.js';
import { SSE_HEADERS } from './sse-connection.js';
import type { StreamableSession, StreamableSessionSettings, WaitUntil } from './streamable-session-api.js';

export type { StreamableSession, StreamableSessionSettings, WaitUntil };

/** One POSTed request in flight. */
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
  /** One listener, or several, or none. */
  #listeners: (() => void) | (() => void)[] | undefined = undefined;
  readonly #streams: SessionStreams;
  #closed = false;
  readonly #activity: SessionActivity;

  constructor(settings: StreamableSessionSettings) {
    this.id = settings.id;
    this.#settings = settings;
    this.#activity = new SessionActivity(settings, () => this.close());
    this.#streams = new SessionStreams(settings, settings.id, this.#activity);
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
    else if ('method' in message) this.#streams.standalone().send(message);
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
    this.#streams.negotiatedVersion = version;
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
      if (!answer || !this.#streams.primes(exchange.protocolVersion)) return false;
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
    return this.#streams.queuedBytes;
  }

  // What the handler calls.

  handleRequest(
    request: JSONRPCRequest,
    protocolVersion: string,
    signal?: AbortSignal | (() => AbortSignal),
    waitUntil?: WaitUntil,
    facts?: RequestFacts,
  ): HttpAnswer | Promise<HttpAnswer> | undefined {
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
    // The answer, when it is ready before this returns (most are: the response came at once, or the
    // answer is a stream); otherwise the promise's resolve. No promise for an answer already made.
    let ready: HttpAnswer | undefined;
    let resolveLater: ((response: HttpAnswer) => void) | undefined;
    const release = this.#activity.hold();
    const answer = (response: HttpAnswer) => {
      if (ready !== undefined) return;
      ready = response;
      listening?.removeEventListener('abort', onAbort);
      resolveLater?.(response);
      // An SSE answer counts as activity by itself while its stream is open.
      release();
    };
    // The client went away before anything could be sent: nothing can reach it any more.
    const onAbort = () => {
      if (exchange.answer !== answer) return;
      exchange.answer = undefined;
      answer(emptyAnswer(499));
    };
    if (this.#settings.sseResponses) this.#upgrade(exchange, answer);
    else exchange.answer = answer;
    this.#inbound.next(request);
    if (ready !== undefined) return ready;
    // Only an answer still pending needs to know if the client leaves.
    if (signal && exchange.answer === answer) {
      const watched = typeof signal === 'function' ? signal() : signal;
      if (watched.aborted) onAbort();
      else {
        listening = watched;
        watched.addEventListener('abort', onAbort);
      }
    }
    return ready ?? new Promise<HttpAnswer>((resolve) => (resolveLater = resolve));
  }

  receive(message: JSONRPCMessage): void {
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) this.#abandon(cancelled);
    this.#inbound.next(message);
  }

  openStandaloneStream(protocolVersion: string): HttpAnswer | undefined {
    const standalone = this.#streams.standalone();
    if (standalone.connection) return undefined;
    return this.#streams.attach(standalone, protocolVersion, true).answer;
  }

  resumeStream(lastEventId: string, protocolVersion: string): HttpAnswer | undefined | Promise<HttpAnswer | undefined> {
    return this.#streams.resume(lastEventId, protocolVersion, () => this.#closed);
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
    this.#streams.close(keepEvents);
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

  // Routing.

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
    answer?.({ status: 200, headers: { ...SSE_HEADERS, ...this.#streams.headers() }, body: '' });
    this.#finish(requestId, exchange);
  }

  #finish(requestId: RequestId, exchange: Exchange): void {
    this.#forget(requestId);
    if (exchange.stream) this.#streams.endRequestStream(exchange.stream);
  }

  /** Answers the exchange's POST with an SSE stream (primed when resumable). */
  #upgrade(exchange: Exchange, answer: (response: HttpAnswer) => void): void {
    const stream = this.#streams.openRequestStream([exchange.id]);
    exchange.stream = stream;
    answer(this.#streams.attach(stream, exchange.protocolVersion, true).answer);
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
        answer(jsonAnswer(message, 200, this.#streams.headers()));
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
