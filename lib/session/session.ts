/**
 * @module
 * The RPC engine over one transport: correlates responses, dispatches incoming requests to
 * handlers, answers bad input, routes progress and cancellation, and settles everything on close.
 * It knows JSON-RPC, not tools: roles and MCP methods live above it.
 */
import { asyncScheduler, EMPTY, Observable, Subject, type Subscription } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type {
  JSONRPCErrorObject,
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  ProgressToken,
  RequestId,
} from '../protocol/jsonrpc.js';
import { relateToRequest } from '../transport/related-request.js';
import {
  isInvalidFrame,
  isRequestFailure,
  type InvalidFrame,
  type RequestFailure,
  type Transport,
} from '../transport/transport.js';
import { connectTransport } from './connect-transport.js';
import { handleIncomingRequest, type HandlerEntry, type ParamsValidator } from './incoming-request.js';
import { Deadlines } from './deadlines.js';
import type { SessionInternals, PendingRoute } from './session-internals.js';
import { outgoingRequest } from './outgoing-request.js';
import type { RequestEvent, RequestHandler, RequestOptions, Session } from './session-api.js';
import { DEFAULT_MAX_INFLIGHT, handlerEntry, type SessionOptions } from './session-options.js';

export type { Session } from './session-api.js';
export { handlerEntry, type SessionOptions } from './session-options.js';

/**
 * Creates a session. Nothing happens until {@link Session.connect} is called.
 *
 * @example
 * const session = createSession(transport);
 * session.setRequestHandler('echo', (params) => params);
 * const connection = session.connect();
 * session.request('ping').subscribe(() => console.log('pong'));
 */
export function createSession(transport: Transport, options: SessionOptions = {}): Session {
  return new SessionCore(transport, options);
}

/**
 * A session, and the {@link SessionInternals} its requests run on. A class because a server holds one per
 * connection: its methods are shared, and what only some sessions use (the maps of pending and
 * inflight requests, the timeout queue, the notification and close Subjects) is created on
 * first use. Roles extend it and refine the gates.
 */
export class SessionCore<O extends SessionOptions = SessionOptions> implements SessionInternals {
  readonly defaultTimeout: number;
  closedError: McpError | undefined;
  protected readonly transport: Transport;
  protected readonly options: O;
  readonly #handlers = new Map<string, HandlerEntry>();
  #counter = 0;
  #pending: Map<RequestId, PendingRoute> | undefined;
  #progress: Map<ProgressToken, PendingRoute> | undefined;
  #deadlines: Deadlines | undefined;
  #inflight: Map<RequestId, Subscription> | undefined;
  #notifications: Subject<JSONRPCNotification> | undefined;
  #closed: Subject<McpError | undefined> | undefined;
  #closedWith: { error: McpError | undefined } | undefined;

  constructor(transport: Transport, options: O) {
    this.transport = transport;
    this.options = options;
    this.defaultTimeout = options.timeout ?? 60_000;
  }

  get pending(): Map<RequestId, PendingRoute> {
    return (this.#pending ??= new Map());
  }

  get progress(): Map<ProgressToken, PendingRoute> {
    return (this.#progress ??= new Map());
  }

  get deadlines(): Deadlines {
    return (this.#deadlines ??= new Deadlines(this.options.scheduler ?? asyncScheduler));
  }

  get notifications$(): Observable<JSONRPCNotification> {
    if (this.#closedWith) return EMPTY;
    return (this.#notifications ??= new Subject()).asObservable();
  }

  get closed$(): Observable<McpError | undefined> {
    return new Observable<McpError | undefined>((subscriber) => {
      const closedWith = this.#closedWith;
      if (closedWith) {
        subscriber.next(closedWith.error);
        subscriber.complete();
        return;
      }
      return (this.#closed ??= new Subject()).subscribe(subscriber);
    });
  }

  nextId(): number {
    return ++this.#counter;
  }

  send(message: JSONRPCMessage, relatedRequestId?: RequestId): void {
    if (this.closedError) throw this.closedError;
    this.transport.outbound.next(relateToRequest(message, relatedRequestId));
  }

  request<R = unknown>(
    method: string,
    params?: Record<string, unknown>,
    options?: RequestOptions & { observe?: 'result' },
  ): Observable<R>;
  request<R = unknown>(
    method: string,
    params: Record<string, unknown> | undefined,
    options: RequestOptions & { observe: 'events' },
  ): Observable<RequestEvent<R>>;
  request<R>(
    method: string,
    params?: Record<string, unknown>,
    options?: RequestOptions,
  ): Observable<R | RequestEvent<R>> {
    return outgoingRequest<R>(this, method, params, options);
  }

  notify(method: string, params?: Record<string, unknown>, options?: { relatedRequestId?: RequestId }): void {
    this.send(
      params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params },
      options?.relatedRequestId,
    );
  }

  setRequestHandler<P = Record<string, unknown> | undefined, R = unknown>(
    method: string,
    handler: RequestHandler<P, R>,
    params?: ParamsValidator<P>,
  ): void {
    this.#handlers.set(method, handlerEntry(handler, params));
  }

  connect(): Subscription {
    return connectTransport(
      this.transport,
      (message) => this.#dispatch(message),
      (error) => this.#close(error),
    );
  }

  /** Sees every incoming notification before `notifications$` does (roles use this). */
  protected noticeNotification(_notification: JSONRPCNotification): void {
    // Nothing by default.
  }

  /**
   * The error to answer an incoming request with instead of running its handler, if any (roles
   * refuse requests before initialization). None by default.
   */
  protected refuseIncoming(_request: JSONRPCRequest): McpError | undefined {
    return undefined;
  }

  /** The error to fail an outgoing request with before it is sent, if any (roles check capabilities). None by default. */
  refuseOutgoing(_method: string, _params: Record<string, unknown> | undefined): McpError | undefined {
    return undefined;
  }

  #sendError(id: RequestId | null, error: JSONRPCErrorObject): void {
    try {
      this.send({ jsonrpc: '2.0', id, error } as JSONRPCMessage);
    } catch {
      // Closed: nobody to answer.
    }
  }

  #dispatch(message: JSONRPCMessage | InvalidFrame | RequestFailure): void {
    if (isRequestFailure(message)) {
      this.#pending?.get(message.id)?.close(message.error);
    } else if (isInvalidFrame(message)) {
      const code = message.reason === 'parse' ? ErrorCode.ParseError : ErrorCode.InvalidRequest;
      this.#sendError(message.reason === 'parse' ? null : (message.id ?? null), { code, message: message.message });
    } else if ('method' in message) {
      if ('id' in message && message.id !== undefined) this.#dispatchRequest(message as JSONRPCRequest);
      else this.#dispatchNotification(message);
    } else if (message.id !== undefined && message.id !== null) {
      this.#pending?.get(message.id)?.response(message);
    }
  }

  #dispatchRequest(request: JSONRPCRequest): void {
    const refusal = this.refuseIncoming(request);
    const method = request.method;
    const entry = refusal
      ? undefined
      : (this.#handlers.get(method) ??
        this.options.handlers?.get(method) ??
        (method === 'ping' ? pingEntry : undefined));
    if (!entry) {
      const error = refusal ?? McpError.protocol(ErrorCode.MethodNotFound, `Method not found: ${request.method}`);
      this.#sendError(request.id, McpError.toErrorObject(error));
      return;
    }
    const id = request.id;
    const inflightCap = this.options.maxInflightRequests ?? DEFAULT_MAX_INFLIGHT;
    // `ping` is never refused: it holds no slot, and a loaded peer must still answer liveness checks.
    if ((this.#inflight?.size ?? 0) >= inflightCap && method !== 'ping') {
      this.#sendError(id, {
        code: ErrorCode.LimitExceeded,
        message: `Too many requests in flight (maxInflightRequests: ${inflightCap})`,
        data: { limit: 'maxInflightRequests', value: inflightCap },
      });
      return;
    }
    let subscription: Subscription | undefined;
    // eslint-disable-next-line prefer-const -- the callback reads it, and may run inside the call
    subscription = handleIncomingRequest(this, request, entry, () => {
      if (subscription && this.#inflight?.get(id) === subscription) this.#inflight.delete(id);
    });
    if (!subscription.closed) (this.#inflight ??= new Map()).set(id, subscription);
  }

  #dispatchNotification(notification: JSONRPCNotification): void {
    const params = notification.params as Record<string, unknown> | undefined;
    if (notification.method === 'notifications/cancelled') {
      const requestId = params?.['requestId'] as RequestId | undefined;
      if (requestId !== undefined) this.#inflight?.get(requestId)?.unsubscribe();
    } else if (notification.method === 'notifications/progress') {
      const token = params?.['progressToken'] as string | number | undefined;
      if (token !== undefined && typeof params?.['progress'] === 'number') this.#progress?.get(token)?.progress(params);
    }
    this.noticeNotification(notification);
    this.#notifications?.next(notification);
  }

  #close(error: McpError | undefined): void {
    if (this.#closedWith) return;
    this.#closedWith = { error };
    this.closedError = error ?? new McpError('closed', 'Connection closed', { code: ErrorCode.ConnectionClosed });
    const pending = this.#pending;
    if (pending) {
      for (const route of [...pending.values()]) route.close(this.closedError);
      pending.clear();
    }
    this.#progress?.clear();
    this.#deadlines?.clearAll();
    const inflight = this.#inflight;
    if (inflight) {
      for (const subscription of [...inflight.values()]) subscription.unsubscribe();
      inflight.clear();
    }
    this.#notifications?.complete();
    const closed = this.#closed;
    if (closed) {
      closed.next(error);
      closed.complete();
    }
  }
}

const pingEntry: HandlerEntry = { handler: () => ({}) };
