/**
 * @module
 * What the HTTP response to one POSTed message yields on `inbound$`: the messages of its JSON or
 * SSE body (an SSE stream followed, and resumed, until the request is answered), or the JSON-RPC
 * error response that makes only that request fail.
 */
import { catchError, concatWith, defer, EMPTY, filter, mergeMap, type Observable, of } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import { errorResponse, type JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { bodyText } from './fetch-exchange.js';
import { isInvalidFrame } from '../transport.js';
import { followStream, type StreamContext } from './follow-stream.js';
import { httpFailure, httpStatusError, networkError } from './http-failures.js';
import { type Inbound, mediaType, requestIdOf } from './http-messages.js';
import { type Cursor, readResponse } from './read-response.js';

/**
 * The inbound items of a successful (2xx) answer to `message`. For a request: an SSE body that
 * drops is resumed ({@link followStream}); a JSON body that cannot be read (the connection
 * dropped) fails the request (a `RequestFailure` with the cause); an answer without its
 * response gets an error response.
 *
 * @example
 * fetchExchange(fetch, url, init).pipe(mergeMap((response) => postAnswer$(streams, message, response)));
 */
export function postAnswer$(streams: StreamContext, message: JSONRPCMessage, response: Response): Observable<Inbound> {
  const requestId = requestIdOf(message);
  if (requestId === undefined) return readResponse(response, {}).pipe(catchError(() => EMPTY));
  const cursor: Cursor & { requestId: typeof requestId } = { requestId };
  const type = mediaType(response);
  const sse = type === 'text/event-stream';
  const items$ = readResponse(response, cursor, { ms: streams.idleTimeout, scheduler: streams.scheduler }).pipe(
    // A JSON body that does not parse is no frame for the session to answer: the request fails below.
    filter((item) => sse || !isInvalidFrame(item)),
    catchError((error: unknown): Observable<Inbound> => {
      cursor.dropped = error;
      return sse
        ? EMPTY
        : of({
            kind: 'request-failed',
            id: requestId,
            error: networkError({ method: 'POST', url: streams.url }, error),
          });
    }),
  );
  const unanswered$ = defer(() =>
    streams.awaiting(requestId)
      ? of(
          errorResponse(
            requestId,
            ErrorCode.InternalError,
            `The HTTP response (${response.status}, ${type || 'no body'}) did not answer request ${requestId}`,
          ),
        )
      : EMPTY,
  );
  return items$.pipe(concatWith(sse ? followStream(streams, cursor) : unanswered$));
}

/**
 * A failed (non-2xx) answer to `message`: for a request, the server's JSON-RPC error or a
 * `RequestFailure` ({@link httpFailure}); for a notification or response, a reported error.
 *
 * @example
 * if (!response.ok) return postFailure$(streams, message, response);
 */
export function postFailure$(streams: StreamContext, message: JSONRPCMessage, response: Response): Observable<Inbound> {
  const { status, statusText } = response;
  return bodyText(response).pipe(
    mergeMap((body) => {
      const requestId = requestIdOf(message);
      const name = { method: 'POST', url: streams.url };
      if (requestId !== undefined) return of(httpFailure(requestId, name, status, statusText, body));
      streams.report(httpStatusError(name, status, statusText, body));
      return EMPTY;
    }),
  );
}

/**
 * A POST of `message` that got no answer (the connection was refused or dropped before the
 * response headers): a `RequestFailure` with the root cause for a request, a reported error for
 * a notification or response.
 *
 * @example
 * fetchExchange(fetch, url, init, handle).pipe(catchError((error) => postUnreachable$(streams, message, error)));
 */
export function postUnreachable$(streams: StreamContext, message: JSONRPCMessage, error: unknown): Observable<Inbound> {
  const failure = networkError({ method: 'POST', url: streams.url }, error);
  const id = requestIdOf(message);
  if (id !== undefined) return of({ kind: 'request-failed', id, error: failure });
  streams.report(failure);
  return EMPTY;
}
