/**
 * @module
 * Runs one incoming request through its handler and answers it: result, JSON-RPC error, or
 * nothing at all when the peer cancelled it.
 */
import { from, isObservable, map, Observable, of, Subscription } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { JSONRPCRequest } from '../protocol/jsonrpc.js';
import { outgoingRequest } from './outgoing-request.js';
import type { Link } from './link.js';
import type { HandlerContext, HandlerEvent, RequestHandler, RequestOptions } from './types.js';

/** A zod-like schema: anything with `safeParse`. */
export interface ParamsValidator<P> {
  safeParse(value: unknown): { success: true; data: P } | { success: false; error: { message: string; issues?: unknown } };
}

/** A registered handler with its optional params schema (a failed parse answers -32602). */
export interface HandlerEntry {
  readonly handler: RequestHandler<any, any>;
  readonly params?: ParamsValidator<unknown>;
}

/**
 * Starts handling `request` and returns the Subscription that cancelling it unsubscribes.
 * The response is sent when the handler's result arrives; a cancelled handler sends nothing.
 */
export function handleIncomingRequest(link: Link, request: JSONRPCRequest, entry: HandlerEntry, done: () => void): Subscription {
  const id = request.id;
  const abort = new AbortController();
  const progressToken = (request.params?._meta as { progressToken?: string | number } | undefined)?.progressToken;
  const notify = (method: string, params?: Record<string, unknown>) =>
    link.send(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params }, id);
  const context: HandlerContext = {
    requestId: id,
    incoming: request,
    signal: abort.signal,
    progress: (progress, total, message) => {
      if (progressToken === undefined) return;
      const params: Record<string, unknown> = { progressToken, progress };
      if (total !== undefined) params['total'] = total;
      if (message !== undefined) params['message'] = message;
      notify('notifications/progress', params);
    },
    notify,
    request: <R>(method: string, params?: Record<string, unknown>, options?: RequestOptions) =>
      outgoingRequest<R>(link, method, params, { ...options, observe: 'result', relatedRequestId: id }) as Observable<R>,
  };

  let answered = false;
  const answer = (message: Parameters<Link['send']>[0]) => {
    answered = true;
    try {
      link.send(message, id);
    } catch {
      // The transport closed under us; the peer cannot be answered any more.
    }
  };
  const subscription = new Subscription(() => {
    if (!answered) abort.abort(new McpError('closed', `Request ${String(id)} was cancelled`));
    done();
  });
  subscription.add(
    run(entry, request, context).subscribe({
      next: (event) => {
        if (answered) return;
        if (event.type === 'result') {
          answer({ jsonrpc: '2.0', id, result: (event.result ?? {}) as Record<string, unknown> });
          subscription.unsubscribe();
        } else if (event.type === 'progress') context.progress(event.progress, event.total, event.message);
        else notify(event.method, event.params);
      },
      error: (error: unknown) => {
        if (!answered) answer({ jsonrpc: '2.0', id, error: McpError.toErrorObject(error) });
        subscription.unsubscribe();
      },
      complete: () => {
        if (!answered) answer({ jsonrpc: '2.0', id, error: { code: ErrorCode.InternalError, message: 'Handler completed without a result' } });
        subscription.unsubscribe();
      },
    }),
  );
  return subscription;
}

/** The handler's outcome as a stream of events; synchronous throws and bad params become errors. */
function run(entry: HandlerEntry, request: JSONRPCRequest, context: HandlerContext): Observable<HandlerEvent<unknown>> {
  try {
    let params: unknown = request.params;
    if (entry.params) {
      const parsed = entry.params.safeParse(params ?? {});
      if (!parsed.success) {
        throw McpError.protocol(ErrorCode.InvalidParams, `Invalid params for ${request.method}: ${parsed.error.message}`, parsed.error.issues);
      }
      params = parsed.data;
    }
    const outcome = entry.handler(params, context);
    if (isObservable(outcome)) return outcome as Observable<HandlerEvent<unknown>>;
    const toResult = map((result: unknown): HandlerEvent<unknown> => ({ type: 'result', result }));
    return isPromiseLike(outcome) ? from(outcome).pipe(toResult) : of(outcome).pipe(toResult);
  } catch (error) {
    return new Observable((subscriber) => subscriber.error(error));
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

