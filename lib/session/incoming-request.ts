/**
 * @module
 * Runs one incoming request through its handler and answers it: result, JSON-RPC error, or
 * nothing at all when the peer cancelled it.
 */
import { from, isObservable, map, type Observable, Subscription } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { JSONRPCRequest, RequestId } from '../protocol/jsonrpc.js';
import { outgoingRequest } from './outgoing-request.js';
import type { SessionInternals } from './session-internals.js';
import type { HandlerContext, HandlerEntry, HandlerEvent, RequestOptions } from './session-api.js';

export type { HandlerEntry, ParamsValidator } from './session-api.js';

/**
 * Starts handling `request` and returns the Subscription that cancelling it unsubscribes.
 * The response is sent when the handler's result arrives; a cancelled handler sends nothing.
 * A handler that returns a plain value (or throws) is answered at once, with no Observable in
 * between, and its `AbortController` is only created if it reads `signal`.
 */
export function handleIncomingRequest(
  session: SessionInternals,
  request: JSONRPCRequest,
  entry: HandlerEntry,
  done: () => void,
): Subscription {
  const id = request.id;
  const context = new IncomingContext(session, request);
  let outcome: unknown;
  try {
    outcome = invoke(entry, request, context);
  } catch (error) {
    sendResponse(session, { jsonrpc: '2.0', id, error: McpError.toErrorObject(error) });
    done();
    return Subscription.EMPTY;
  }
  if (!isObservable(outcome) && !isPromiseLike(outcome)) {
    sendResponse(session, { jsonrpc: '2.0', id, result: (outcome ?? {}) as Record<string, unknown> });
    done();
    return Subscription.EMPTY;
  }

  let answered = false;
  const answer = (message: Parameters<SessionInternals['send']>[0]) => {
    answered = true;
    sendResponse(session, message);
  };
  const subscription = new Subscription(() => {
    if (!answered) IncomingContext.cancel(context, new McpError('closed', `Request ${String(id)} was cancelled`));
    done();
  });
  const events: Observable<HandlerEvent<unknown>> = isObservable(outcome)
    ? (outcome as Observable<HandlerEvent<unknown>>)
    : from(outcome as PromiseLike<unknown>).pipe(map((result): HandlerEvent<unknown> => ({ type: 'result', result })));
  subscription.add(
    events.subscribe({
      next(event) {
        if (answered) return;
        if (event.type === 'result') {
          answer({ jsonrpc: '2.0', id, result: (event.result ?? {}) as Record<string, unknown> });
          subscription.unsubscribe();
        } else if (event.type === 'progress') context.progress(event.progress, event.total, event.message);
        else context.notify(event.method, event.params);
      },
      error(error: unknown) {
        if (!answered) answer({ jsonrpc: '2.0', id, error: McpError.toErrorObject(error) });
        subscription.unsubscribe();
      },
      complete() {
        if (!answered)
          answer({
            jsonrpc: '2.0',
            id,
            error: { code: ErrorCode.InternalError, message: 'Handler completed without a result' },
          });
        subscription.unsubscribe();
      },
    }),
  );
  return subscription;
}

/**
 * The context of one incoming request. A class (not an object literal with a getter, which V8
 * builds slowly) whose `AbortController` is created only when a handler reads `signal`; its
 * methods are closures made on first access, so handlers may destructure them.
 */
class IncomingContext implements HandlerContext {
  readonly requestId: RequestId;
  readonly incoming: JSONRPCRequest;
  readonly #session: SessionInternals;
  #progress: HandlerContext['progress'] | undefined;
  #notify: HandlerContext['notify'] | undefined;
  #request: HandlerContext['request'] | undefined;
  #abort: AbortController | undefined;
  /** Why the request was cancelled, once it has been (for a signal first read afterwards). */
  #cancelled: McpError | undefined;

  constructor(session: SessionInternals, request: JSONRPCRequest) {
    this.#session = session;
    this.requestId = request.id;
    this.incoming = request;
  }

  get session(): HandlerContext['session'] {
    return this.#session;
  }

  get progress(): HandlerContext['progress'] {
    const session = this.#session;
    const request = this.incoming;
    return (this.#progress ??= (progress, total, message) => {
      const progressToken = (request.params?._meta as { progressToken?: string | number } | undefined)?.progressToken;
      if (progressToken === undefined) return;
      const params: Record<string, unknown> = { progressToken, progress };
      if (total !== undefined) params['total'] = total;
      if (message !== undefined) params['message'] = message;
      session.send({ jsonrpc: '2.0', method: 'notifications/progress', params }, request.id);
    });
  }

  get notify(): HandlerContext['notify'] {
    const session = this.#session;
    const id = this.requestId;
    return (this.#notify ??= (method, params) =>
      session.send(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params }, id));
  }

  get request(): HandlerContext['request'] {
    const session = this.#session;
    const id = this.requestId;
    return (this.#request ??= <R>(method: string, params?: Record<string, unknown>, options?: RequestOptions) =>
      outgoingRequest<R>(session, method, params, {
        ...options,
        observe: 'result',
        relatedRequestId: id,
      }) as Observable<R>);
  }

  get signal(): AbortSignal {
    if (!this.#abort) {
      this.#abort = new AbortController();
      if (this.#cancelled) this.#abort.abort(this.#cancelled);
    }
    return this.#abort.signal;
  }

  /** Aborts the context's signal (now, or when it is first read). */
  static cancel(context: IncomingContext, reason: McpError): void {
    context.#cancelled = reason;
    context.#abort?.abort(reason);
  }
}

/**
 * Validates the params and calls the handler: a value, a Promise or an Observable of events.
 * Bad params and synchronous throws are thrown.
 */
function invoke(entry: HandlerEntry, request: JSONRPCRequest, context: HandlerContext): unknown {
  let params: unknown = request.params;
  if (entry.params) {
    const parsed = entry.params.safeParse(params ?? {});
    if (!parsed.success) {
      throw McpError.protocol(
        ErrorCode.InvalidParams,
        `Invalid params for ${request.method}: ${parsed.error.message}`,
        parsed.error.issues,
      );
    }
    params = parsed.data;
  }
  return entry.handler(params, context);
}

/** Sends a response; it is related to its request by its own id, so it needs no tag. */
function sendResponse(session: SessionInternals, message: Parameters<SessionInternals['send']>[0]): void {
  try {
    session.send(message);
  } catch {
    // The transport closed under us; the peer cannot be answered any more.
  }
}

/** Whether `value` is a thenable (what handlers may return besides a value or an Observable). */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
