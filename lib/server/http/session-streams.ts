/**
 * @module
 * The SSE streams of one Streamable HTTP session: its standalone GET stream and the streams of
 * its requests, their ids, the connections carrying them (each counted as activity while open),
 * priming, resuming one from a `Last-Event-ID`, and forgetting them in the event store when the
 * session ends.
 */
import type { SchedulerLike } from 'rxjs';
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import type { EventStore } from './event-store.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';
import { endWithErrors, lostResponses } from './lost-requests.js';
import { randomToken } from './random-token.js';
import type { SessionActivity } from './session-activity.js';
import { isThenable, sessionStreamPrefix, SessionStream } from './session-stream.js';
import { openSseConnection, type SseConnection } from './sse-connection.js';

/** What {@link SessionStreams} needs of its session's settings. */
export interface StreamSettings {
  readonly eventStore: EventStore | undefined;
  /** The `retry` field of priming events, in milliseconds. */
  readonly retryInterval: number | undefined;
  readonly keepAliveInterval: number;
  /** Bytes queued on one SSE stream above which it is cut off (0: never). */
  readonly maxQueuedBytes?: number;
  readonly scheduler: SchedulerLike;
}

/** The first revision whose clients accept the empty-data priming event. */
const PRIMING_SINCE = '2025-11-25';

/**
 * The streams of a session. What only some sessions need (the map of request streams) is created
 * on first use and dropped when empty.
 *
 * @example
 * const streams = new SessionStreams(settings, sessionId, activity);
 * const stream = streams.openRequestStream();
 * answer(streams.attach(stream, protocolVersion, true).answer);
 */
export class SessionStreams {
  /** The revision `initialize` negotiated: it decides priming over a request's header. */
  negotiatedVersion: string | undefined = undefined;
  readonly #settings: StreamSettings;
  readonly #activity: SessionActivity;
  /** The headers of every answer: the session id, if any (one object, shared by the answers). */
  readonly #headers: Readonly<Record<string, string>> | undefined;
  readonly #sessionId: string | undefined;
  /**
   * Prefix of this session's stream ids: `<tag>.0` is the standalone stream, `<tag>.<n>` the n-th
   * request stream. It starts with the session id, so any process can tell whose a stream is.
   */
  readonly #tag: string;
  #standalone: SessionStream | undefined = undefined;
  /** The open streams of requests, by stream id (`undefined` when there are none). */
  #streams: Map<string, SessionStream> | undefined = undefined;
  #counter = 0;

  constructor(settings: StreamSettings, sessionId: string | undefined, activity: SessionActivity) {
    this.#settings = settings;
    this.#activity = activity;
    this.#sessionId = sessionId;
    this.#headers = sessionId === undefined ? undefined : { 'mcp-session-id': sessionId };
    this.#tag = sessionId === undefined ? randomToken(16) : `${sessionStreamPrefix(sessionId)}${randomToken(8)}`;
  }

  /** The headers of every answer: the session id, if any. */
  headers(): Readonly<Record<string, string>> | undefined {
    return this.#headers;
  }

  /** The standalone GET stream (made on first use). */
  standalone(): SessionStream {
    return (this.#standalone ??= new SessionStream(`${this.#tag}.0`, this.#settings.eventStore));
  }

  /** Whether a stream opened now gets a priming event, and so can be resumed. */
  primes(protocolVersion: string): boolean {
    return this.#settings.eventStore !== undefined && (this.negotiatedVersion ?? protocolVersion) >= PRIMING_SINCE;
  }

  /** A new stream for a request, registered until {@link endRequestStream}. */
  openRequestStream(requests?: readonly RequestId[]): SessionStream {
    const stream = new SessionStream(`${this.#tag}.${++this.#counter}`, this.#settings.eventStore, requests);
    (this.#streams ??= new Map()).set(stream.id, stream);
    return stream;
  }

  /** Forgets a request's stream and ends it once what was sent on it is written. */
  endRequestStream(stream: SessionStream): void {
    const streams = this.#streams;
    if (streams?.delete(stream.id) && streams.size === 0) this.#streams = undefined;
    stream.end();
  }

  /** Opens an SSE response, counted as activity while it is open. */
  open(): SseConnection {
    const { keepAliveInterval, scheduler, maxQueuedBytes } = this.#settings;
    const connection = openSseConnection({ headers: this.headers(), keepAliveInterval, scheduler, maxQueuedBytes });
    connection.onClose(this.#activity.hold());
    return connection;
  }

  /** Opens a response carrying `stream` from now on (ending the one that did), primed if asked and resumable. */
  attach(stream: SessionStream, protocolVersion: string, prime: boolean): SseConnection {
    const connection = this.open();
    stream.connection?.end();
    stream.connection = connection;
    connection.onClose(() => {
      if (stream.connection === connection) stream.connection = undefined;
    });
    if (prime && this.primes(protocolVersion)) stream.prime(connection, this.#settings.retryInterval);
    return connection;
  }

  /**
   * Resumes the stream of `lastEventId` (see `StreamableSession.resumeStream`); `closed` tells
   * whether the session has closed by the time the store answers.
   */
  resume(
    lastEventId: string,
    protocolVersion: string,
    closed: () => boolean,
  ): HttpAnswer | undefined | Promise<HttpAnswer | undefined> {
    const { eventStore } = this.#settings;
    if (!eventStore || !this.#owns(lastEventId)) return undefined;
    const replayed: [string, JSONRPCMessage][] = [];
    const result = eventStore.replayEventsAfter(lastEventId, (id, message) => replayed.push([id, message]));
    // `null`: the store failed.
    const resume = (streamId: string | undefined | null): HttpAnswer | undefined => {
      if (streamId === null)
        return jsonRpcError(503, TRANSPORT_ERROR, 'Service Unavailable: the event store did not answer; retry');
      if (closed() || streamId === undefined || !this.#owns(streamId)) return undefined;
      if (!streamId.startsWith(`${this.#tag}.`)) return this.#resumeEarlier(streamId, replayed, protocolVersion);
      const live = streamId === `${this.#tag}.0` ? this.standalone() : this.#streams?.get(streamId);
      const connection = live ? this.attach(live, protocolVersion, false) : this.open();
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

  /** Bytes written to the streams and not yet sent. */
  get queuedBytes(): number {
    let bytes = this.#standalone?.connection?.queuedBytes ?? 0;
    for (const stream of this.#streams?.values() ?? []) bytes += stream.connection?.queuedBytes ?? 0;
    return bytes;
  }

  /**
   * Ends the standalone stream, drops the rest, and deletes every stream the session could have
   * primed from the store, unless `keepEvents` (the session goes on in another process).
   */
  close(keepEvents = false): void {
    this.#standalone?.connection?.end();
    this.#streams = undefined;
    // Every stream this session could have primed: the standalone one (0) and each request's.
    const { eventStore } = this.#settings;
    if (eventStore?.deleteStream && !keepEvents) {
      const forget = (streamId: string) =>
        void Promise.resolve(eventStore.deleteStream!(streamId)).catch(() => undefined);
      if (this.#standalone?.resumable) forget(this.#standalone.id);
      for (let n = 1; n <= this.#counter; n++) forget(`${this.#tag}.${n}`);
    }
  }

  /**
   * The rest of a stream this session had in a process that served it before (the session was
   * restored from a session store): replayed, then, for its standalone stream, carried on live as
   * this process's standalone stream (primed after the replay, so the client resumes from here
   * next time); a request's stream ends with an error for its request if it had no response, as
   * the request died with that process.
   */
  #resumeEarlier(streamId: string, replayed: [string, JSONRPCMessage][], protocolVersion: string): HttpAnswer {
    const standalone = streamId.endsWith('.0') && !this.#standalone?.connection ? this.standalone() : undefined;
    const connection = standalone ? this.attach(standalone, protocolVersion, false) : this.open();
    for (const [id, message] of replayed) connection.send(JSON.stringify(message), { id, event: 'message' });
    if (!standalone) endWithErrors(connection, streamId, lostResponses(this.#settings.eventStore!, streamId));
    else if (this.primes(protocolVersion)) standalone.prime(connection, this.#settings.retryInterval);
    return connection.answer;
  }

  /** Whether a stream or event id is this session's: of this process's streams or, restored, of an earlier one's. */
  #owns(id: string): boolean {
    return (
      id.startsWith(`${this.#tag}.`) ||
      (this.#sessionId !== undefined && id.startsWith(sessionStreamPrefix(this.#sessionId)))
    );
  }

  /** The open stream an event id of this session's belongs to (the id starts with the stream's). */
  #liveStreamOf(eventId: string): SessionStream | undefined {
    if (!eventId.startsWith(`${this.#tag}.`)) return undefined;
    const n = /^\d+/.exec(eventId.slice(this.#tag.length + 1))?.[0];
    if (n === undefined) return undefined;
    return n === '0' ? this.#standalone : this.#streams?.get(`${this.#tag}.${n}`);
  }
}
