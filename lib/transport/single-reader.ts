/**
 * @module
 * The one reader a transport's `inbound$` allows: a second subscriber while one reads is refused,
 * a transport that has closed completes a late subscriber at once, and the reader's teardown
 * learns whether it was still the reader (so closing from either side runs once).
 */
import { Observable, type Subscriber } from 'rxjs';
import { McpError } from '../protocol/errors.js';

/**
 * Starts reading for `reader`; what it returns runs when the reader unsubscribes or is ended,
 * told whether it was still the transport's reader (`false` once {@link SingleReader.take} took it).
 */
export type OpenReader<T> = (reader: Subscriber<T>) => ((wasReader: boolean) => void) | void;

/**
 * The reader slot of a transport and the `inbound$` that fills it. The plain-rxjs form it stands
 * for is a cold `Observable` guarded by a `let receiver` variable, written once per transport.
 *
 * ```
 * first subscriber:   ---a--b--|        (open() runs, messages go to inbound.current)
 * second, meanwhile:  #                 (McpError kind 'transport': "… has one reader at a time")
 * after close:        |                 (closed() is true: completes at once)
 * ```
 *
 * @example
 * const inbound = new SingleReader<JSONRPCMessage>('A WebSocket transport', (reader) => {
 *   socket.onmessage = (event) => reader.next(JSON.parse(event.data));
 *   return (wasReader) => { if (wasReader) socket.close(); };
 * }, () => state === 'closed');
 * return { inbound$: inbound.inbound$, outbound };
 */
export class SingleReader<T> {
  /** The transport's inbound stream: one subscriber at a time. */
  readonly inbound$: Observable<T>;
  #reader: Subscriber<T> | undefined;

  /**
   * @param what how the refusal names the transport (`'A WebSocket transport'`)
   * @param open starts reading for the one subscriber
   * @param closed whether the transport has closed (a subscriber then completes at once)
   */
  constructor(what: string, open: OpenReader<T>, closed: () => boolean = () => false) {
    this.inbound$ = new Observable<T>((subscriber) => {
      if (closed()) {
        subscriber.complete();
        return;
      }
      if (this.#reader) {
        subscriber.error(new McpError('transport', `${what} has one reader at a time`));
        return;
      }
      this.#reader = subscriber;
      const release = open(subscriber);
      return () => {
        const wasReader = this.#reader === subscriber;
        if (wasReader) this.#reader = undefined;
        release?.(wasReader);
      };
    });
  }

  /** The subscriber reading now, if any (deliver to it with `current?.next(message)`). */
  get current(): Subscriber<T> | undefined {
    return this.#reader;
  }

  /** Forgets the reader and returns it, to end it: its teardown is then told it was no longer the reader. */
  take(): Subscriber<T> | undefined {
    const reader = this.#reader;
    this.#reader = undefined;
    return reader;
  }
}
