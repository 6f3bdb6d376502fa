/**
 * @module
 * What the HTTP response to one POSTed message yields on `inbound$`: the messages of its JSON or
 * SSE body (an SSE stream followed, and resumed, until the request is answered), or the JSON-RPC
 * error response that makes only that request fail.
 */
import { catchError, concatWith, defer, EMPTY, filter, mergeMap, type Observable, of } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import { errorResponse, type JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { bodyText } from './fetch-exchange.js';
import { isInvalidFrame } from '../transport.js';
import { followStream, type StreamContext } from './follow-stream.js';
import { httpErrorResponse, type Inbound, mediaType, requestIdOf } from './http-messages.js';
import { type Cursor, readResponse } from './read-response.js';

/**
 * The inbound items of a successful (2xx) answer to `message`; for a request whose answer holds
 * no response, an error response for it.
 *
 * @example
 * fetchExchange(fetch, url, init).pipe(mergeMap((response) => postAnswer$(streams, message, response)));
 */
export function postAnswer$(streams: StreamContext, message: JSONRPCMessage, response: Response): Observable<Inbound> {
  const requestId = requestIdOf(message);
  const cursor: Cursor = requestId === undefined ? {} : { requestId };
  if (requestId === undefined) return readResponse(response, cursor).pipe(catchError(() => EMPTY));
  const type = mediaType(response);
  const sse = type === 'text/event-stream';
  const items$ = readResponse(response, cursor).pipe(
    // A JSON body that does not parse is no frame for the session to answer: the request fails below.
    filter((item) => sse || !isInvalidFrame(item)),
    catchError(() => EMPTY),
  );
  const unanswered$ = defer(() =>
    streams.awaiting(requestId)
      ? of(errorResponse(requestId, ErrorCode.InternalError, `The HTTP response (${response.status}, ${type || 'no body'}) did not answer request ${requestId}`))
      : EMPTY,
  );
  return items$.pipe(concatWith(sse ? followStream(streams, cursor, true) : unanswered$));
}

/**
 * A failed (non-2xx) answer to `message`: an error response for a request, or a reported
 * transport error for a notification or response.
 *
 * @example
 * if (!response.ok) return postFailure$(streams, message, response);
 */
export function postFailure$(streams: StreamContext, message: JSONRPCMessage, response: Response): Observable<Inbound> {
  const { status, statusText } = response;
  return bodyText(response).pipe(
    mergeMap((body) => {
      const requestId = requestIdOf(message);
      if (requestId !== undefined) return of(httpErrorResponse(requestId, status, statusText, body));
      const what = 'method' in message ? message.method : `the response to ${String(message.id)}`;
      streams.report(new McpError('transport', `POST of ${what} failed: HTTP ${status}`, { data: { status, body } }));
      return EMPTY;
    }),
  );
}
