/**
 * @module
 * A cold outgoing request: listens before it sends, correlates by id, applies timeouts on the
 * session's scheduler, surfaces progress, and cancels on unsubscribe.
 */
import { Observable, type Subscriber } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { JSONRPCRequest, JSONRPCResponse } from '../protocol/jsonrpc.js';
import type { Deadline } from './deadlines.js';
import type { SessionInternals, PendingRoute } from './session-internals.js';
import type { RequestEvent, RequestOptions } from './session-api.js';

/**
 * Creates the request Observable. Each subscription mints a new id and sends once.
 *
 * ```
 * subscribe ─ send {id:1} ─ ─ progress ─ ─ response{id:1} ─|   (observe: 'events')
 *                             {type:'progress'}   {type:'result'}
 * ```
 */
export function outgoingRequest<R>(
  session: SessionInternals,
  method: string,
  params: Record<string, unknown> | undefined,
  options: RequestOptions = {},
): Observable<R | RequestEvent<R>> {
  return new Observable<R | RequestEvent<R>>((subscriber) => {
    if (session.closedError) {
      subscriber.error(session.closedError);
      return;
    }
    const refusal = session.refuseOutgoing(method, params);
    if (refusal) {
      subscriber.error(refusal);
      return;
    }
    const pending = new PendingRequest<R>(session, method, options, subscriber);
    pending.send(params);
    return pending;
  });
}

/**
 * One subscription's request: its route for the dispatcher, its timers, and its teardown. A
 * class with methods rather than a dozen closures per request (this is the client's hot path).
 */
class PendingRequest<R> implements PendingRoute {
  readonly #session: SessionInternals;
  readonly #method: string;
  readonly #options: RequestOptions;
  readonly #subscriber: Subscriber<R | RequestEvent<R>>;
  readonly #id: number;
  readonly #events: boolean;
  /** Whether progress reaches this request (events observed, or progress resets the timeout). */
  readonly #wantsProgress: boolean;
  readonly #timeout: number;
  #settled = false;
  #idleDeadline: Deadline | undefined;
  #totalDeadline: Deadline | undefined;

  constructor(
    session: SessionInternals,
    method: string,
    options: RequestOptions,
    subscriber: Subscriber<R | RequestEvent<R>>,
  ) {
    this.#session = session;
    this.#method = method;
    this.#options = options;
    this.#subscriber = subscriber;
    this.#id = session.nextId();
    this.#events = options.observe === 'events';
    this.#wantsProgress = this.#events || options.resetTimeoutOnProgress === true;
    this.#timeout = options.timeout ?? session.defaultTimeout;
  }

  /** Registers the route, arms the timers and sends the request. */
  send(params: Record<string, unknown> | undefined): void {
    const session = this.#session;
    const options = this.#options;
    const id = this.#id;
    const wantsProgress = this.#wantsProgress;
    session.pending.set(id, this);
    if (wantsProgress) session.progress.set(id, this);
    this.#armIdle();
    if (options.maxTotalTimeout !== undefined) {
      const max = options.maxTotalTimeout;
      this.#totalDeadline = session.deadlines.arm(max, () =>
        this.#timeOut(`Request ${this.#method} exceeded its total timeout of ${max} ms`),
      );
    }

    const request: JSONRPCRequest = { jsonrpc: '2.0', id, method: this.#method };
    if (wantsProgress) request.params = { ...params, _meta: { ...(params?.['_meta'] as object), progressToken: id } };
    else if (params !== undefined) request.params = params;
    try {
      session.send(request, options.relatedRequestId);
    } catch (error) {
      this.close(
        new McpError('transport', `Could not send ${this.#method}: ${(error as Error).message}`, { cause: error }),
      );
    }
  }

  response(message: JSONRPCResponse): void {
    if (this.#settled) return;
    this.#settled = true;
    const subscriber = this.#subscriber;
    if ('error' in message) {
      subscriber.error(McpError.fromErrorObject(message.error));
      return;
    }
    const result = message.result as R;
    subscriber.next(this.#events ? { type: 'result', result } : result);
    subscriber.complete();
  }

  progress(update: Record<string, unknown>): void {
    if (this.#settled) return;
    if (this.#options.resetTimeoutOnProgress) this.#armIdle();
    if (this.#events) {
      const event: RequestEvent<R> = { type: 'progress', progress: update['progress'] as number };
      if (update['total'] !== undefined) event.total = update['total'] as number;
      if (update['message'] !== undefined) event.message = update['message'] as string;
      this.#subscriber.next(event);
    }
  }

  /** Fails the request (transport closed, could not send, timed out). */
  close(error: McpError): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#subscriber.error(error);
  }

  /** The teardown: forget the route, stop the timers, and tell the peer if still unanswered. */
  unsubscribe(): void {
    const session = this.#session;
    session.pending.delete(this.#id);
    if (this.#wantsProgress) session.progress.delete(this.#id);
    if (this.#idleDeadline) session.deadlines.clear(this.#idleDeadline);
    if (this.#totalDeadline) session.deadlines.clear(this.#totalDeadline);
    if (!this.#settled && !session.closedError && this.#options.cancellable !== false) {
      this.#settled = true;
      this.#sendCancel('Request cancelled by the caller');
    }
  }

  #armIdle(): void {
    const deadlines = this.#session.deadlines;
    if (this.#idleDeadline) deadlines.clear(this.#idleDeadline);
    this.#idleDeadline = deadlines.arm(this.#timeout, () =>
      this.#timeOut(`Request ${this.#method} timed out after ${this.#timeout} ms`),
    );
  }

  #timeOut(reason: string): void {
    if (this.#settled) return;
    if (this.#options.cancellable !== false) this.#sendCancel(reason);
    this.close(new McpError('timeout', reason, { code: ErrorCode.RequestTimeout, data: { timeout: this.#timeout } }));
  }

  #sendCancel(reason: string): void {
    try {
      this.#session.send(
        { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: this.#id, reason } },
        this.#options.relatedRequestId,
      );
    } catch {
      // The transport is going away; there is nobody left to tell.
    }
  }
}
