/**
 * @module
 * The end of a request's SSE stream replayed after the process serving the request died: an
 * error response for each request the stream was to answer and never did, so that the client's
 * pending calls settle at once rather than wait for their timeouts.
 */
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCErrorResponse, RequestId } from '../../protocol/jsonrpc.js';
import type { EventStore } from './event-store.js';
import { isThenable } from './session-stream.js';
import type { SseConnection } from './sse-connection.js';

/** What a request whose process died before answering gets. */
export const LOST_REQUEST_MESSAGE =
  'the node serving this request stopped before answering; the request may or may not have run';

/**
 * The error response (-32603) of a request whose process died before answering it.
 *
 * @example
 * lostRequestError(7) // { jsonrpc: '2.0', id: 7, error: { code: -32603, message: 'the node serving…' } }
 */
export const lostRequestError = (id: RequestId): JSONRPCErrorResponse => ({
  jsonrpc: '2.0',
  id,
  error: { code: ErrorCode.InternalError, message: LOST_REQUEST_MESSAGE },
});

/**
 * The error responses ending stream `streamId`, whose process died: one per request its priming
 * event named that it has no stored response for (none when the store cannot tell). A promise
 * when the store answers with one; `[]` if it fails.
 *
 * @example
 * const lost = lostResponses(eventStore, streamId); // [{ jsonrpc: '2.0', id: 7, error: … }]
 */
export function lostResponses(
  store: EventStore,
  streamId: string,
): JSONRPCErrorResponse[] | Promise<JSONRPCErrorResponse[]> {
  const errors = (ids: readonly RequestId[] | undefined) => (ids ?? []).map(lostRequestError);
  let unanswered: ReturnType<NonNullable<EventStore['unansweredRequests']>>;
  try {
    unanswered = store.unansweredRequests?.(streamId);
  } catch {
    return [];
  }
  return isThenable(unanswered) ? Promise.resolve(unanswered).then(errors, () => []) : errors(unanswered);
}

/**
 * Writes `errors` on `connection` and ends it. Their event id follows no stored event, so a
 * client that resumes after them (one that does not take an error response as the end of the
 * stream) is refused rather than replayed the stream again.
 *
 * @example
 * endWithErrors(connection, streamId, lostResponses(eventStore, streamId));
 */
export function endWithErrors(
  connection: SseConnection,
  streamId: string,
  errors: JSONRPCErrorResponse[] | Promise<JSONRPCErrorResponse[]>,
): void {
  const write = (responses: JSONRPCErrorResponse[]) => {
    for (const response of responses)
      connection.send(JSON.stringify(response), { id: `${streamId}_lost`, event: 'message' });
    connection.end();
  };
  if (isThenable(errors)) void errors.then(write);
  else write(errors);
}
