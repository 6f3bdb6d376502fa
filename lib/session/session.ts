/**
 * @module
 * The RPC engine over one transport: correlates responses, dispatches incoming requests to
 * handlers, answers bad input, routes progress and cancellation, and settles everything on close.
 * It knows JSON-RPC, not tools: roles and MCP methods live above it.
 */
import { asyncScheduler, Observable, type SchedulerLike, Subject, Subscription } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type {
  JSONRPCErrorObject,
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  RequestId,
} from '../protocol/jsonrpc.js';
import { relateToRequest } from '../transport/related-request.js';
import { isInvalidFrame, type InvalidFrame, type Transport } from '../transport/transport.js';
import { handleIncomingRequest, type HandlerEntry, type ParamsValidator } from './incoming-request.js';
import { Deadlines } from './deadlines.js';
import type { Link, PendingRoute } from './link.js';
import { outgoingRequest } from './outgoing-request.js';
import type { RequestEvent, RequestHandler, RequestOptions } from './types.js';

/** Options of {@link createSession}. */
export interface SessionOptions {
  /** Where every timer runs. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Default request timeout in milliseconds. @defaultValue 60 000 */
  timeout?: number;
  /**
   * Called before an incoming request reaches its handler; returning an error answers the
   * request with it instead (roles use this to refuse requests before initialization).
   */
  incomingGate?: (request: JSONRPCRequest) => McpError | undefined;
  /**
   * Called before an outgoing request is sent; returning an error fails the request with it
   * (roles use this for capability checks).
   */
  outgoingGate?: (method: string, params: Record<string, unknown> | undefined) => McpError | undefined;
}

/** A JSON-RPC session over a transport. Create with {@link createSession}. */
export interface Session {
  /**
   * A cold request: each subscription sends one request with a fresh id; unsubscribing before
   * the response sends `notifications/cancelled` (never for `initialize`).
   */
  request<R = unknown>(method: string, params?: Record<string, unknown>, options?: RequestOptions & { observe?: 'result' }): Observable<R>;
  request<R = unknown>(method: string, params: Record<string, unknown> | undefined, options: RequestOptions & { observe: 'events' }): Observable<RequestEvent<R>>;
  /** Sends a notification, optionally related to an incoming request. */
  notify(method: string, params?: Record<string, unknown>, options?: { relatedRequestId?: RequestId }): void;
  /** Every notification the peer sends (filter with `ofMethod`). Completes when the session closes. */
  readonly notifications$: Observable<JSONRPCNotification>;
  /** Registers the handler of an incoming request method, replacing any previous one. */
  setRequestHandler<P = Record<string, unknown> | undefined, R = unknown>(
    method: string,
    handler: RequestHandler<P, R>,
    params?: ParamsValidator<P>,
  ): void;
  /**
   * Starts reading the transport. Unsubscribing closes the transport; either way every pending
   * request settles (kind `'closed'`, or `'transport'` when the transport failed).
   */
  connect(): Subscription;
  /** Emits once, with the error if the transport failed, when the session has closed. */
  readonly closed$: Observable<McpError | undefined>;
}

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
  let counter = 0;
  const handlers = new Map<string, HandlerEntry>();
  const inflight = new Map<RequestId, Subscription>();
  const notifications = new Subject<JSONRPCNotification>();
  const closed = new Subject<McpError | undefined>();
  let closedWith: { error: McpError | undefined } | undefined;

  const link: Link = {
    deadlines: new Deadlines(options.scheduler ?? asyncScheduler),
    defaultTimeout: options.timeout ?? 60_000,
    pending: new Map<RequestId, PendingRoute>(),
    progress: new Map(),
    closedError: undefined,
    outgoingGate: options.outgoingGate,
    nextId: () => ++counter,
    send: (message: JSONRPCMessage, relatedRequestId?: RequestId) => {
      if (link.closedError) throw link.closedError;
      transport.outbound.next(relateToRequest(message, relatedRequestId));
    },
  };

  const sendError = (id: RequestId | null, error: JSONRPCErrorObject) => {
    try {
      link.send({ jsonrpc: '2.0', id, error } as JSONRPCMessage);
    } catch {
      // Closed: nobody to answer.
    }
  };

  const dispatchRequest = (request: JSONRPCRequest) => {
    const refusal = options.incomingGate?.(request);
    const entry = refusal ? undefined : (handlers.get(request.method) ?? (request.method === 'ping' ? pingEntry : undefined));
    if (!entry) {
      const error = refusal ?? McpError.protocol(ErrorCode.MethodNotFound, `Method not found: ${request.method}`);
      sendError(request.id, McpError.toErrorObject(error));
      return;
    }
    const id = request.id;
    let subscription: Subscription | undefined;
    subscription = handleIncomingRequest(link, request, entry, () => {
      if (subscription && inflight.get(id) === subscription) inflight.delete(id);
    });
    if (!subscription.closed) inflight.set(id, subscription);
  };

  const dispatchNotification = (notification: JSONRPCNotification) => {
    const params = notification.params as Record<string, unknown> | undefined;
    if (notification.method === 'notifications/cancelled') {
      const requestId = params?.['requestId'] as RequestId | undefined;
      if (requestId !== undefined) inflight.get(requestId)?.unsubscribe();
    } else if (notification.method === 'notifications/progress') {
      const token = params?.['progressToken'] as string | number | undefined;
      if (token !== undefined && typeof params?.['progress'] === 'number') link.progress.get(token)?.progress(params);
    }
    notifications.next(notification);
  };

  const dispatch = (message: JSONRPCMessage | InvalidFrame) => {
    if (isInvalidFrame(message)) {
      const code = message.reason === 'parse' ? ErrorCode.ParseError : ErrorCode.InvalidRequest;
      sendError(message.reason === 'parse' ? null : (message.id ?? null), { code, message: message.message });
    } else if ('method' in message) {
      if ('id' in message && message.id !== undefined) dispatchRequest(message as JSONRPCRequest);
      else dispatchNotification(message);
    } else if (message.id !== undefined && message.id !== null) {
      link.pending.get(message.id)?.response(message);
    }
  };

  const close = (error: McpError | undefined) => {
    if (closedWith) return;
    closedWith = { error };
    link.closedError = error ?? new McpError('closed', 'Connection closed', { code: ErrorCode.ConnectionClosed });
    for (const route of [...link.pending.values()]) route.close(link.closedError);
    link.pending.clear();
    link.progress.clear();
    link.deadlines.clearAll();
    for (const subscription of [...inflight.values()]) subscription.unsubscribe();
    inflight.clear();
    notifications.complete();
    closed.next(error);
    closed.complete();
  };

  const session: Session = {
    request: ((method: string, params?: Record<string, unknown>, requestOptions?: RequestOptions) =>
      outgoingRequest(link, method, params, requestOptions)) as Session['request'],
    notify: (method, params, notifyOptions) =>
      link.send(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params }, notifyOptions?.relatedRequestId),
    notifications$: notifications.asObservable(),
    closed$: new Observable<McpError | undefined>((subscriber) =>
      closedWith ? (subscriber.next(closedWith.error), subscriber.complete()) : closed.subscribe(subscriber),
    ),
    setRequestHandler: (method, handler, params) => {
      handlers.set(method, { handler, params: params as ParamsValidator<unknown> | undefined });
    },
    connect: () => {
      // Either side may end it: unsubscribing closes the transport; the transport ending (peer
      // closed, or failed) closes the session and releases the transport too.
      const connection = new Subscription();
      const end = (error: McpError | undefined) => {
        close(error);
        connection.unsubscribe();
      };
      connection.add(
        transport.inbound$.subscribe({
          next: dispatch,
          error: (error: unknown) =>
            end(
              error instanceof McpError
                ? error
                : new McpError('transport', `Transport failed: ${(error as Error)?.message ?? String(error)}`, { cause: error }),
            ),
          complete: () => end(undefined),
        }),
      );
      connection.add(() => {
        close(undefined);
        try {
          transport.outbound.complete();
        } catch {
          // Already closed.
        }
      });
      return connection;
    },
  };
  return session;
}

const pingEntry: HandlerEntry = { handler: () => ({}) };
