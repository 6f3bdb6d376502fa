/**
 * @module
 * Following one logical SSE stream across connections: resuming it with GET and `Last-Event-ID`
 * after the server's `retry` delay (else backoff) until its request is answered or it is given up.
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
import { ErrorCode, McpError } from '../../protocol/errors.js';
import { errorResponse, type RequestId } from '../../protocol/jsonrpc.js';
import { bodyText, fetchExchange, type FetchLike } from './fetch-exchange.js';
import { httpErrorResponse, type Inbound, mediaType, responseIdOf } from './http-messages.js';
import { type Cursor, readSseResponse } from './read-response.js';
import { reconnectDelay, type ReconnectOptions } from './reconnect.js';

/** What following a stream needs from its transport. */
export interface StreamContext {
  readonly fetch: FetchLike;
  readonly url: string | URL;
  readonly scheduler: SchedulerLike;
  readonly policy: Required<ReconnectOptions>;
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

/** GET answers meaning "no standalone stream here": not worth reporting. */
const NO_GET_STREAM = [400, 404, 405];

/**
 * (Re)connects the stream of `cursor` with GET (carrying `Last-Event-ID` once an event id is
 * known) and reads each connection to its end, until the transport closes, the cursor's request
 * is answered, or the stream is given up. `wait` delays the first connection as a reconnection.
 * `answered` is called each time a GET gets a response (whatever its status) or fails to reach
 * the server: from then on the server knows of the stream, or never will on this attempt.
 *
 * Delays run on the context's scheduler: the server's `retry` value exactly when it sent one,
 * else {@link reconnectDelay} of the consecutive failed attempts (reset by every connection
 * that opens). A request's stream without an event id cannot be resumed. A given-up request
 * stream emits an error response for its request; a given-up standalone stream is reported
 * unless the server answered 400, 404 or 405 (it has none). A request's resumed connection is
 * closed once it has carried the response, even if the server leaves it open.
 *
 * ```
 * stream of request 7 ──e1─e2─| (dropped)  retry 3000 ms  GET Last-Event-ID: e2 ──e3─response 7─|
 * result:             ──m1─m2─────────────────────────────────────────────────────m3─response 7─|
 * ```
 */
export function followStream(context: StreamContext, cursor: Cursor, wait: boolean, answered?: () => void): Observable<Inbound> {
  const { requestId } = cursor;
  let failures = 0;
  const pause = (): Observable<unknown> => {
    if (context.closed() || (requestId !== undefined && !context.awaiting(requestId))) return EMPTY;
    if (requestId !== undefined && cursor.lastEventId === undefined) {
      return throwError(() => new StreamLost('the stream ended before the response, without an event id to resume from'));
    }
    if (failures >= context.policy.maxRetries) return throwError(() => new StreamLost(`gave up after ${failures} failed reconnection attempt(s)`));
    return timer(reconnectDelay(context.policy, failures, cursor.retry), context.scheduler);
  };
  const connect$ = defer(() => {
    const extra: Record<string, string> = { accept: 'text/event-stream' };
    if (cursor.lastEventId !== undefined) extra['last-event-id'] = cursor.lastEventId;
    return fetchExchange(context.fetch, context.url, { method: 'GET', headers: context.headers(extra) }, (response) => {
      answered?.();
      if (response.ok && mediaType(response) === 'text/event-stream') {
        failures = 0;
        return readSseResponse(response, cursor).pipe(
          catchError(() => EMPTY),
          // Nothing follows a request's response on its stream: stop reading (and release the
          // connection) even when the server keeps the resumed stream open.
          takeWhile((item) => requestId === undefined || responseIdOf(item) !== requestId, true),
        );
      }
      const { status, statusText } = response;
      return bodyText(response).pipe(
        mergeMap((body) => throwError(() => new StreamLost(`GET answered HTTP ${status}`, { status, statusText, body }))),
      );
    });
  }).pipe(
    retry({
      delay: (error: unknown) => {
        if (error instanceof StreamLost) return throwError(() => error);
        answered?.();
        failures++;
        return pause();
      },
    }),
    repeat({ delay: pause }),
  );
  return (wait ? defer(pause).pipe(switchMap(() => connect$)) : connect$).pipe(catchError((error: unknown) => lost(context, cursor, error)));
}

function lost(context: StreamContext, cursor: Cursor, error: unknown): Observable<Inbound> {
  const { requestId } = cursor;
  const reason = error instanceof StreamLost ? error : new StreamLost(String((error as Error)?.message ?? error));
  if (requestId !== undefined) {
    if (!context.awaiting(requestId)) return EMPTY;
    const http = reason.http;
    return of(
      http
        ? httpErrorResponse(requestId, http.status, http.statusText, http.body)
        : errorResponse(requestId, ErrorCode.ConnectionClosed, `SSE stream of request ${requestId} lost: ${reason.reason}`),
    );
  }
  if (!reason.http || !NO_GET_STREAM.includes(reason.http.status)) {
    context.report(new McpError('transport', `Standalone SSE stream closed: ${reason.reason}`, { data: reason.http }));
  }
  return EMPTY;
}
