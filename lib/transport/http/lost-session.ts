/**
 * @module
 * Recovering a Streamable HTTP session the server lost (it answered 404 to the session id): one
 * re-initialization at a time, out of the session's sight, while what is sent meanwhile waits.
 */
import { EMPTY, type Observable, ReplaySubject, type Subscription, throwError } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import type { FetchLike } from './fetch-exchange.js';
import { type Inbound, isInitialize } from './http-messages.js';
import { replayHandshake } from './replay-handshake.js';
import type { SessionHeaders } from './session-headers.js';
import type { StandaloneStream } from './standalone-stream.js';

/** What recovering a session needs from its transport. */
export interface LostSessionContext {
  readonly fetch: FetchLike;
  readonly url: URL;
  readonly session: SessionHeaders;
  readonly standalone: StandaloneStream;
  /** The POST of `message`: without session headers for `initialize`. */
  post(message: JSONRPCMessage, initialize: boolean): RequestInit;
  /** Emits what the server sends during the handshake (log messages). */
  deliver(item: Inbound): void;
  /** Keeps `subscription` until the transport closes. */
  track(subscription: Subscription): void;
  /** Whether the transport is still open. */
  isOpen(): boolean;
}

/**
 * The re-initialization of one transport: {@link remember} every message sent (it keeps the
 * `initialize` params), {@link recover$} when a request carrying a session id got 404.
 *
 * @example
 * if (response.status === 404) return lostSession.recover$(sentSession).pipe(concatWith(resend$));
 */
export class LostSession {
  #params: JSONRPCRequest['params'];
  #pending: Observable<never> | undefined;
  #count = 0;

  constructor(private readonly context: LostSessionContext) {}

  /** While a re-initialization runs: completes when it is done, errors when it failed. */
  get pending(): Observable<never> | undefined {
    return this.#pending;
  }

  /** Keeps the params of an `initialize` request, to replay them. */
  remember(message: JSONRPCMessage): void {
    if (isInitialize(message)) this.#params = (message as JSONRPCRequest).params;
  }

  /**
   * Re-runs the handshake for the lost session `stale` (the original `initialize` params under a
   * private id, then `notifications/initialized`), holding what is sent until the new session's
   * standalone stream is answered. Completes at once if the session already changed; joins a
   * re-initialization under way; errors (kind `'transport'`) when it fails.
   */
  recover$(stale: string): Observable<never> {
    if (this.#pending) return this.#pending;
    const { context } = this;
    if (context.session.sessionId !== stale) return EMPTY;
    if (!this.#params) {
      return throwError(
        () =>
          new McpError(
            'transport',
            'The server lost the session (HTTP 404) and there is no initialize request to replay',
          ),
      );
    }
    const done = new ReplaySubject<never>();
    this.#pending = done.asObservable();
    context.session.sessionId = undefined;
    context.standalone.close();
    const handshake$ = replayHandshake(
      {
        fetch: context.fetch,
        url: context.url,
        post: context.post,
        captureSession: (response) => context.session.capture(response),
      },
      this.#params,
      `rxmcp-reinitialize-${++this.#count}`,
    );
    context.track(
      handshake$.subscribe({
        next: context.deliver,
        error: (error: unknown) => {
          this.#pending = undefined;
          done.error(error);
        },
        complete: () => {
          this.#pending = undefined;
          context.standalone.hold();
          done.complete();
          if (context.isOpen()) context.standalone.open();
        },
      }),
    );
    return this.#pending ?? done.asObservable();
  }
}
