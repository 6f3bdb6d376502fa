/**
 * @module
 * A cold outgoing request: listens before it sends, correlates by id, applies timeouts on the
 * link's scheduler, surfaces progress, and cancels on unsubscribe.
 */
import { Observable, type Subscription } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { JSONRPCRequest } from '../protocol/jsonrpc.js';
import type { Link, PendingRoute } from './link.js';
import type { RequestEvent, RequestOptions } from './types.js';

/**
 * Creates the request Observable. Each subscription mints a new id and sends once.
 *
 * ```
 * subscribe ─ send {id:1} ─ ─ progress ─ ─ response{id:1} ─|   (observe: 'events')
 *                             {type:'progress'}   {type:'result'}
 * ```
 */
export function outgoingRequest<R>(
  link: Link,
  method: string,
  params: Record<string, unknown> | undefined,
  options: RequestOptions = {},
): Observable<R | RequestEvent<R>> {
  return new Observable<R | RequestEvent<R>>((subscriber) => {
    if (link.closedError) {
      subscriber.error(link.closedError);
      return;
    }
    const refusal = link.outgoingGate?.(method, params);
    if (refusal) {
      subscriber.error(refusal);
      return;
    }
    const { scheduler } = link;
    const id = link.nextId();
    const events = options.observe === 'events';
    const wantsProgress = events || options.resetTimeoutOnProgress === true;
    const timeout = options.timeout ?? link.defaultTimeout;
    let settled = false;
    let idleTimer: Subscription | undefined;
    let totalTimer: Subscription | undefined;

    const fail = (error: McpError) => {
      if (settled) return;
      settled = true;
      subscriber.error(error);
    };
    const timeOut = (reason: string) => {
      if (settled) return;
      if (method !== 'initialize') sendCancel(reason);
      fail(new McpError('timeout', reason, { code: ErrorCode.RequestTimeout, data: { timeout } }));
    };
    const armIdle = () => {
      idleTimer?.unsubscribe();
      idleTimer = scheduler.schedule(() => timeOut(`Request ${method} timed out after ${timeout} ms`), timeout);
    };
    const sendCancel = (reason: string) => {
      try {
        link.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } }, options.relatedRequestId);
      } catch {
        // The transport is going away; there is nobody left to tell.
      }
    };

    const route: PendingRoute = {
      response: (message) => {
        if (settled) return;
        settled = true;
        if ('error' in message) {
          subscriber.error(McpError.fromErrorObject(message.error));
          return;
        }
        const result = message.result as R;
        subscriber.next(events ? { type: 'result', result } : result);
        subscriber.complete();
      },
      progress: (update) => {
        if (settled) return;
        if (options.resetTimeoutOnProgress) armIdle();
        if (events) {
          const event: RequestEvent<R> = { type: 'progress', progress: update['progress'] as number };
          if (update['total'] !== undefined) event.total = update['total'] as number;
          if (update['message'] !== undefined) event.message = update['message'] as string;
          subscriber.next(event);
        }
      },
      close: fail,
    };

    link.pending.set(id, route);
    if (wantsProgress) link.progress.set(id, route);
    armIdle();
    if (options.maxTotalTimeout !== undefined) {
      const max = options.maxTotalTimeout;
      totalTimer = scheduler.schedule(() => timeOut(`Request ${method} exceeded its total timeout of ${max} ms`), max);
    }

    const request: JSONRPCRequest = { jsonrpc: '2.0', id, method };
    if (wantsProgress) request.params = { ...params, _meta: { ...(params?.['_meta'] as object), progressToken: id } };
    else if (params !== undefined) request.params = params;
    try {
      link.send(request, options.relatedRequestId);
    } catch (error) {
      fail(new McpError('transport', `Could not send ${method}: ${(error as Error).message}`, { cause: error }));
    }

    return () => {
      link.pending.delete(id);
      link.progress.delete(id);
      idleTimer?.unsubscribe();
      totalTimer?.unsubscribe();
      if (!settled && !link.closedError && method !== 'initialize') {
        settled = true;
        sendCancel('Request cancelled by the caller');
      }
    };
  });
}
