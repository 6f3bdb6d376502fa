/**
 * @module
 * Following the SSE stream of one request across connections: resuming it with GET and
 * `Last-Event-ID` after the server's `retry` delay (else backoff) until the request is answered
 * or the stream is given up.
 */
import {
  catchError,
  defer,
  EMPTY,
  mergeMap,
  type Observable,
  of,
  repeat,
  retry,
  type SchedulerLike,
  switchMap,
  takeWhile,
  throwError,
  timer,
} from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { RequestId } from '../../protocol/jsonrpc.js';
import { bodyText, fetchExchange, type FetchLike } from './fetch-exchange.js';
import { httpFailure, rootCause } from './http-failures.js';
import { type Inbound, mediaType, responseIdOf } from './http-messages.js';
import { type Cursor, readSseResponse } from './read-response.js';
import { reconnectDelay, type ReconnectOptions } from './reconnect.js';

/** What following a stream needs from its transport. */
export interface StreamContext {
  readonly fetch: FetchLike;
  readonly url: URL;
  readonly scheduler: SchedulerLike;
  readonly policy: Required<ReconnectOptions>;
  /** How long a request's SSE stream may stay silent before it counts as dropped (0: forever). */
  readonly idleTimeout: number;
  /** The headers of a request, session headers included. */
  headers(extra: Record<string, string>): Headers;
  /** Whether the transport has closed. */
  closed(): boolean;
  /** Whether request `id` still awaits its response (on any stream). */
  awaiting(id: RequestId): boolean;
  /** Reports an error that concerns no single request. */
  report(error: McpError): void;
}

/** Why a stream is given up. */
class StreamLost {
  constructor(
    readonly reason: string,
    readonly http?: { status: number; statusText: string; body: string },
  ) {}
}

/**
 * Reconnects the stream of `cursor`'s request with GET (carrying `Last-Event-ID`) after the
 * reconnection delay and reads each connection to its end, until the transport closes, the
 * request is answered, or the stream is given up.
 *
 * Delays run on the context's scheduler: the server's `retry` value exactly when it sent one,
 * else {@link reconnectDelay} of the consecutive failed attempts (reset by every connection
 * that opens). A stream without an event id cannot be resumed. A given-up stream emits a
 * {@link RequestFailure} for its request (or the JSON-RPC error the server answered the GET
 * with). A resumed connection is closed once it has carried the response, even if the server
 * leaves it open.
 *
 * ```
 * stream of request 7 ──e1─e2─| (dropped)  retry 3000 ms  GET Last-Event-ID: e2 ──e3─response 7─|
 * result:             ──m1─m2─────────────────────────────────────────────────────m3─response 7─|
 * ```
 */
export function followStream(
  context: StreamContext,
  cursor: Cursor & { readonly requestId: RequestId },
): Observable<Inbound> {
  const { requestId } = cursor;
  let failures = 0;
  const pause = (): Observable<unknown> => {
    if (context.closed() || !context.awaiting(requestId)) return EMPTY;
    if (cursor.lastEventId === undefined) {
      const cause = cursor.dropped === undefined ? '' : ` (${rootCause(cursor.dropped)})`;
      return throwError(
        () => new StreamLost(`it ended before the response${cause}, without an event id to resume from`),
      );
    }
    if (failures >= context.policy.maxRetries) {
      const last = cursor.dropped === undefined ? '' : `, the last: ${rootCause(cursor.dropped)}`;
      return throwError(() => new StreamLost(`gave up after ${failures} failed reconnection attempt(s)${last}`));
    }
    return timer(reconnectDelay(context.policy, failures, cursor.retry), context.scheduler);
  };
  const connect$ = defer(() => {
    const extra: Record<string, string> = { accept: 'text/event-stream' };
    if (cursor.lastEventId !== undefined) extra['last-event-id'] = cursor.lastEventId;
    return fetchExchange(context.fetch, context.url, { method: 'GET', headers: context.headers(extra) }, (response) => {
      if (response.ok && mediaType(response) === 'text/event-stream') {
        failures = 0;
        return readSseResponse(response, cursor, { ms: context.idleTimeout, scheduler: context.scheduler }).pipe(
          catchError((error: unknown) => {
            cursor.dropped = error;
            return EMPTY;
          }),
          // Nothing follows a request's response on its stream: stop reading (and release the
          // connection) even when the server keeps the resumed stream open.
          takeWhile((item) => responseIdOf(item) !== requestId, true),
        );
      }
      const { status, statusText } = response;
      return bodyText(response).pipe(
        mergeMap((body) =>
          throwError(() => new StreamLost(`GET answered HTTP ${status}`, { status, statusText, body })),
        ),
      );
    });
  }).pipe(
    retry({
      delay: (error: unknown) => {
        if (error instanceof StreamLost) return throwError(() => error);
        cursor.dropped = error;
        failures++;
        return pause();
      },
    }),
    repeat({ delay: pause }),
  );
  return defer(pause).pipe(
    switchMap(() => connect$),
    catchError((error: unknown) => lost(context, cursor, error)),
  );
}

function lost(
  context: StreamContext,
  cursor: Cursor & { readonly requestId: RequestId },
  error: unknown,
): Observable<Inbound> {
  const { requestId } = cursor;
  if (!context.awaiting(requestId)) return EMPTY;
  const reason = error instanceof StreamLost ? error : new StreamLost(String((error as Error)?.message ?? error));
  const http = reason.http;
  if (http)
    return of(httpFailure(requestId, { method: 'GET', url: context.url }, http.status, http.statusText, http.body));
  const message = `The SSE stream of request ${requestId} (POST ${context.url.href}) was lost: ${reason.reason}`;
  return of({
    kind: 'request-failed',
    id: requestId,
    error: new McpError('transport', message, { cause: cursor.dropped, data: { url: context.url.href } }),
  });
}
