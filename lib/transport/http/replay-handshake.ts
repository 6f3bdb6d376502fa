/**
 * @module
 * Re-running the `initialize` handshake of a lost Streamable HTTP session, out of the session's sight.
 */
import { concatWith, defer, EMPTY, mergeMap, type Observable, of, takeWhile, throwError } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import { bodyText, discardBody, fetchExchange, type FetchLike } from './fetch-exchange.js';
import { type Inbound, responseIdOf } from './http-messages.js';
import { readResponse } from './read-response.js';

/** What replaying the handshake needs from its transport. */
export interface HandshakeContext {
  readonly fetch: FetchLike;
  readonly url: string | URL;
  /** The POST of `message`: without session headers for `initialize`. */
  post(message: JSONRPCMessage, initialize: boolean): RequestInit;
  /** Takes the session id of an `initialize` response. */
  captureSession(response: Response): void;
}

/**
 * POSTs `initialize` with the original `params` under the private id `id`, keeps the new session
 * id, then POSTs `notifications/initialized`. The answer to `id` is swallowed; anything else the
 * server sends meanwhile (log messages) is emitted. Completes when the new session is ready and
 * errors with kind `'transport'` when it cannot be.
 */
export function replayHandshake(
  context: HandshakeContext,
  params: JSONRPCRequest['params'],
  id: string,
): Observable<Inbound> {
  const request: JSONRPCRequest = { jsonrpc: '2.0', id, method: 'initialize', params };
  const failure = (detail: string, data?: unknown) =>
    new McpError('transport', `Re-initialization failed: ${detail}`, { data });
  let answered = false;
  return fetchExchange(context.fetch, context.url, context.post(request, true), (response) => {
    if (!response.ok) {
      const { status } = response;
      return bodyText(response).pipe(mergeMap((body) => throwError(() => failure(`HTTP ${status}`, { status, body }))));
    }
    context.captureSession(response);
    return readResponse(response, {});
  }).pipe(
    takeWhile((item) => responseIdOf(item) !== id, true),
    mergeMap((item) => {
      if (responseIdOf(item) !== id) return of(item);
      if ('error' in item) throw failure(item.error.message, item.error);
      answered = true;
      return EMPTY;
    }),
    concatWith(
      defer(() => {
        if (!answered) throw failure('no response to initialize');
        const initialized: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/initialized' };
        return fetchExchange(context.fetch, context.url, context.post(initialized, false), (response) => {
          discardBody(response);
          if (!response.ok) throw failure(`notifications/initialized got HTTP ${response.status}`);
          return EMPTY;
        });
      }),
    ),
  );
}
