/**
 * @module
 * The requests of a 2026-07-28 connection: the session's own, except that the requests that may
 * ask for input (`tools/call`, `prompts/get`, `resources/read`) run through their input rounds,
 * answered by the same handlers that answer a 2025 server's requests.
 */
import { catchError, defaultIfEmpty, filter, map, Observable, take } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import { MRTR_METHODS, type InputRequest } from '../../protocol/modern.js';
import type { ClientSession } from '../../session/client-session.js';
import type { HandlerContext, HandlerEvent, RequestOptions, Session } from '../../session/session-api.js';
import type { ClientHandlerEntry } from '../client-handlers.js';
import { type InputAnswerer, inputRounds } from './input-rounds.js';
import { CacheView } from './cache-view.js';

/**
 * The answerer of input requests made of `entries` (see `clientHandlerEntries`): params checked by
 * the entry's schema, the handler's validated result (form defaults applied) as the answer. A
 * request the client has no handler for fails the call with -32601.
 *
 * @example
 * const answer = inputAnswerer(clientHandlerEntries(handlers, capabilities), session);
 */
export function inputAnswerer(entries: ReadonlyMap<string, ClientHandlerEntry>, session: Session): InputAnswerer {
  return (request: InputRequest, key: string) =>
    new Observable<unknown>((subscriber) => {
      const entry = entries.get(request.method);
      if (!entry)
        throw McpError.protocol(
          ErrorCode.MethodNotFound,
          `The server asked for ${request.method}, which this client has no handler for`,
        );
      const parsed = entry.params.safeParse(request.params ?? {});
      if (!parsed.success)
        throw McpError.protocol(
          ErrorCode.InvalidParams,
          `Invalid input request ${key} (${request.method}): ${parsed.error.message}`,
        );
      const abort = new AbortController();
      const context: HandlerContext = {
        requestId: key,
        incoming: {
          jsonrpc: '2.0',
          id: key,
          method: request.method,
          ...(request.params !== undefined && { params: request.params }),
        },
        session,
        signal: abort.signal,
        progress: () => undefined,
        notify: () => undefined,
        request: (method, params, options) =>
          session.request(method, params, options as RequestOptions & { observe?: 'result' }),
      };
      const subscription = entry
        .handler(parsed.data, context)
        .pipe(
          filter((event: HandlerEvent<unknown>) => event.type === 'result'),
          take(1),
          map((event) => (event as { result: unknown }).result),
          defaultIfEmpty(undefined),
        )
        .subscribe({
          next: (result) =>
            result === undefined
              ? subscriber.error(
                  McpError.protocol(ErrorCode.InternalError, `The ${request.method} handler produced no result`),
                )
              : subscriber.next(result),
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
      return () => {
        subscription.unsubscribe();
        if (!subscriber.closed) abort.abort(new McpError('closed', 'The request was cancelled'));
      };
    });
}

/**
 * `session` as the calls of a modern connection see it: input rounds run transparently for the
 * MRTR methods, and each round of a list, read or discover goes through `cache` when given (so only
 * first rounds are cached), a version refusal drops the cached discover result; everything else is
 * the session's.
 *
 * @example
 * modernCalls(session, answer).request('tools/call', { name: 'deploy' }).subscribe(show);
 */
export function modernCalls(session: ClientSession, answer: InputAnswerer, cache?: CacheView): Session {
  const request = (method: string, params?: Record<string, unknown>, options?: RequestOptions): Observable<any> => {
    const direct = (roundParams: Record<string, unknown> | undefined) =>
      session.request(method, roundParams, options as RequestOptions & { observe?: 'result' });
    const events = options?.observe === 'events';
    // Each round on its own: only a first round's complete result is kept (a retry's never).
    const send =
      cache && !events && CacheView.cacheable(method)
        ? (roundParams: Record<string, unknown> | undefined) =>
            cache.through(method, roundParams, () => direct(roundParams))
        : direct;
    const sent = MRTR_METHODS.has(method) ? inputRounds(send, params, answer, events) : send(params);
    return cache ? sent.pipe(catchError(cache.refused)) : sent;
  };
  return {
    request: request as Session['request'],
    notify: (method, params, options) => session.notify(method, params, options),
    get notifications$() {
      return session.notifications$;
    },
    setRequestHandler: (method, handler, params) => session.setRequestHandler(method, handler, params),
    connect: () => session.connect(),
    get closed$() {
      return session.closed$;
    },
  };
}
