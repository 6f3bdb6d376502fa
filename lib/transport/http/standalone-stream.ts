/**
 * @module
 * The standalone GET stream of a Streamable HTTP client: what the server sends on its own. It
 * is kept connected (reconnecting with backoff, its health reported) and, while it opens, the
 * messages the transport sends wait for it.
 */
import {
  concat,
  map,
  mergeMap,
  type Observable,
  type Observer,
  of,
  ReplaySubject,
  type SchedulerLike,
  Subscription,
  tap,
  throwError,
  timer,
} from 'rxjs';
import { asMcpError, McpError } from '../../protocol/errors.js';
import type { TransportHealth } from '../transport.js';
import { bodyText, fetchExchange, type FetchLike } from './fetch-exchange.js';
import { httpStatusError, networkError } from './http-failures.js';
import { type Inbound, mediaType } from './http-messages.js';
import { keepConnected, type ConnectionEvent } from './keep-connected.js';
import { type Cursor, readSseResponse } from './read-response.js';
import type { ReconnectOptions } from './reconnect.js';
import type { SessionHeaders } from './session-headers.js';

/** What the standalone stream needs from its transport. */
export interface StandaloneContext {
  readonly fetch: FetchLike;
  readonly url: URL;
  readonly scheduler: SchedulerLike;
  readonly policy: Required<ReconnectOptions>;
  readonly session: SessionHeaders;
  /** How long, at most, messages wait for the stream to open, in milliseconds. */
  readonly standaloneWait: number;
  /** Where health changes go. */
  readonly health: Observer<TransportHealth>;
  /** Emits what the stream carries. */
  deliver(item: Inbound): void;
  /** Reports an error that ends nothing (a GET answered with an unexpected status). */
  report(error: McpError): void;
  /** The server lost session `stale` (a re-opened stream got 404). */
  sessionLost(stale: string): void;
  /** The stream is lost for good: the transport ends with `error`. */
  fail(error: McpError): void;
}

/** GET answers meaning "no standalone stream here": not worth reporting. */
const NO_GET_STREAM = [400, 404, 405];

/** A GET answered with an HTTP error status. */
class GetRefused {
  constructor(
    readonly status: number,
    readonly error: McpError,
    readonly session: string | undefined,
  ) {}
}

const OPEN: ConnectionEvent<Inbound> = { type: 'open' };

/**
 * The standalone stream of one transport: {@link StandaloneStream.open} once
 * `notifications/initialized` is accepted (and again after a re-initialization),
 * {@link StandaloneStream.close} on close.
 *
 * - **Holding.** Between {@link hold} and the GET's answer (at most `standaloneWait` ms),
 *   {@link gate} is an Observable that completes when messages may go.
 * - **Reconnecting.** A stream that drops, or a GET that fails to connect, makes the transport
 *   `reconnecting` ({@link keepConnected}); after `maxRetries` failed attempts in a row, `fail`
 *   ends the transport. A stream the server ends cleanly (SSE polling) is re-opened quietly.
 * - **No stream.** 400, 404 or 405 mean the server has none: the stream stops (404 to a stream
 *   that was open means the session was lost). Another status on the first GET is reported and
 *   stops it; once a stream has been open, it counts as a failed attempt.
 */
export class StandaloneStream {
  #stream: Subscription | undefined;
  #opening: ReplaySubject<never> | undefined;
  #holding = Subscription.EMPTY;

  constructor(private readonly context: StandaloneContext) {}

  /** While held, completes when messages may be sent; `undefined` when they may go now. */
  get gate(): Observable<never> | undefined {
    return this.#opening;
  }

  /** Holds what is sent until the stream's GET is answered (at most `standaloneWait` ms). */
  hold(): void {
    if (this.#opening) return;
    this.#opening = new ReplaySubject<never>();
    this.#holding = timer(this.context.standaloneWait, this.context.scheduler).subscribe(() => this.release());
  }

  /** Lets the held messages go. */
  release(): void {
    const held = this.#opening;
    this.#opening = undefined;
    this.#holding.unsubscribe();
    held?.complete();
  }

  /** Opens the stream, unless it is open. */
  open(): void {
    if (this.#stream && !this.#stream.closed) {
      this.release();
      return;
    }
    const { context } = this;
    const cursor: Cursor = {};
    const name = { method: 'GET', url: context.url };
    let opened = false;
    const describe = (error: unknown) => (error instanceof GetRefused ? error.error : networkError(name, error));
    const stream = keepConnected<Inbound>(
      () => this.#connect(cursor).pipe(tap((link) => (opened ||= link.type === 'open'))),
      {
        policy: context.policy,
        scheduler: context.scheduler,
        serverRetry: () => cursor.retry,
        retryable: (error, everOpened) =>
          !(error instanceof GetRefused) || (everOpened && !NO_GET_STREAM.includes(error.status)),
        describe,
        lost: (error, attempts) =>
          new McpError(
            'transport',
            `Lost the standalone SSE stream of ${context.url.href} (gave up after ${attempts} reconnection attempt(s)): ${describe(error).message}`,
            {
              cause: error,
              data: { url: context.url.href, attempts },
            },
          ),
      },
    );
    this.#stream = stream.subscribe({
      next: (event) => (event.type === 'message' ? context.deliver(event.message) : context.health.next(event.health)),
      error: (error: unknown) => {
        this.release();
        if (!(error instanceof GetRefused)) context.fail(asMcpError(error, 'Standalone SSE stream lost'));
        else if (error.status === 404 && opened && error.session !== undefined) context.sessionLost(error.session);
        else if (!NO_GET_STREAM.includes(error.status)) context.report(error.error);
      },
    });
  }

  /** Closes the stream and lets held messages go. */
  close(): void {
    this.#stream?.unsubscribe();
    this.#stream = undefined;
    this.release();
  }

  /** One GET of the stream (resuming after the cursor's last event id): `open`, then its messages. */
  #connect(cursor: Cursor): Observable<ConnectionEvent<Inbound>> {
    const { context } = this;
    const sentSession = context.session.sessionId;
    const extra: Record<string, string> = { accept: 'text/event-stream' };
    if (cursor.lastEventId !== undefined) extra['last-event-id'] = cursor.lastEventId;
    const name = { method: 'GET', url: context.url };
    return fetchExchange(
      context.fetch,
      context.url,
      { method: 'GET', headers: context.session.headers(extra) },
      (response) => {
        this.release();
        if (response.ok && mediaType(response) === 'text/event-stream') {
          return concat(
            of(OPEN),
            readSseResponse(response, cursor).pipe(
              map((message): ConnectionEvent<Inbound> => ({ type: 'message', message })),
            ),
          );
        }
        const { status, statusText } = response;
        return bodyText(response).pipe(
          mergeMap((body) =>
            throwError(() => new GetRefused(status, httpStatusError(name, status, statusText, body), sentSession)),
          ),
        );
      },
    ).pipe(tap({ error: () => this.release() }));
  }
}
