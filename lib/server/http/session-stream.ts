/**
 * @module
 * One SSE stream of a Streamable HTTP session (its standalone GET stream, or a request's): the
 * connection carrying it now, its event ids from the event store, and its writes kept in order
 * while an asynchronous store has not answered.
 */
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import type { EventStore } from './event-store.js';
import type { SseConnection } from './sse-connection.js';

/** Whether `value` is a promise (or another thenable). */
export const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as PromiseLike<T> | undefined)?.then === 'function';

/**
 * `step(value)` now when `value` is ready, or once its promise resolves: no promise for what is
 * ready at once.
 *
 * @example
 * return thenOrNow(sessions.named(request), (named) => answerFor(named));
 */
export const thenOrNow = <T, R>(value: T | PromiseLike<T>, step: (ready: T) => R | PromiseLike<R>): R | Promise<R> =>
  isThenable(value) ? Promise.resolve(value).then(step) : (step(value) as R | Promise<R>);

/**
 * The prefix of the stream ids, and so of the event ids, of session `sessionId`: a
 * `Last-Event-ID` opens only streams of the session that asks.
 *
 * @example
 * lastEventId.startsWith(sessionStreamPrefix(sessionId)); // one of its own streams
 */
export const sessionStreamPrefix = (sessionId: string): string => `${sessionId}~`;

/**
 * A stream of a session. With a store that answers at once, every write happens in the call that
 * asks for it; otherwise writes wait, in order, for the ids of the events before them.
 *
 * @example
 * const stream = new SessionStream('s~x.1', store);
 * stream.connection = openSseConnection({ scheduler });
 * stream.prime(stream.connection, 1000);
 * stream.send(message); // stored, then written with its id
 */
export class SessionStream {
  connection: SseConnection | undefined = undefined;
  /** A priming event was sent: events get ids and are stored for replay. */
  resumable = false;
  /** The last step waiting for a store's answer (`undefined`: none is pending). */
  #tail: Promise<void> | undefined = undefined;

  /** `requests`: the requests a request's stream answers (its priming event names them). */
  constructor(
    readonly id: string,
    private readonly store: EventStore | undefined,
    private readonly requests?: readonly RequestId[],
  ) {}

  /**
   * Runs `step` with what `value` resolves to (`undefined` if it rejects) after every step queued
   * before it; at once when nothing is pending and `value` is no promise.
   */
  after<T>(value: T | PromiseLike<T>, step: (value: T | undefined) => void): void {
    if (this.#tail === undefined && !isThenable(value)) return step(value);
    // Handlers go on `value` now, so a store's rejection is never left unhandled.
    const settled = isThenable(value) ? Promise.resolve(value).then(undefined, () => undefined) : value;
    const link: Promise<void> = (this.#tail ?? Promise.resolve())
      .then(() => settled)
      .then(step)
      .then(undefined, () => undefined);
    this.#tail = link;
    void link.then(() => {
      if (this.#tail === link) this.#tail = undefined;
    });
  }

  /** Stores the priming event and writes it on `connection`: from now on the stream's events are stored. */
  prime(connection: SseConnection, retry: number | undefined): void {
    if (!this.store) return;
    this.resumable = true;
    this.after(this.store.storeEvent(this.id, undefined, this.requests), (id) => {
      if (id !== undefined) connection.prime(id, retry);
    });
  }

  /** Stores `message` (if the stream is resumable) and writes it, with its id, on the connection of the time. */
  send(message: JSONRPCMessage): void {
    const id = this.resumable && this.store ? this.store.storeEvent(this.id, message) : undefined;
    this.after(id, (eventId) => this.connection?.send(JSON.stringify(message), { id: eventId, event: 'message' }));
  }

  /** Ends the connection once what was sent before is written. */
  end(): void {
    this.after(undefined, () => this.connection?.end());
  }
}
