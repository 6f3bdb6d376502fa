/**
 * @module
 * The session engine's public types: the Session interface, handlers and their context, request
 * options and events, shared by its outgoing and incoming halves.
 */
import type { Observable, Subscription } from 'rxjs';
import type { McpError } from '../protocol/errors.js';
import type { JSONRPCNotification, JSONRPCRequest, RequestId } from '../protocol/jsonrpc.js';

/** Per-request options of an outgoing request (option names as in the official SDKs). */
export interface RequestOptions {
  /**
   * Milliseconds without a response (or, with `resetTimeoutOnProgress`, without progress)
   * before the request fails with kind `'timeout'` and is cancelled.
   * @defaultValue the session's `timeout` (60 000)
   */
  timeout?: number;
  /** Restart the idle timeout on every progress notification. @defaultValue false */
  resetTimeoutOnProgress?: boolean;
  /** Hard cap in milliseconds, whatever progress arrives. @defaultValue none */
  maxTotalTimeout?: number;
  /**
   * `'result'` emits the result once; `'events'` emits progress events, then the result.
   * @defaultValue 'result'
   */
  observe?: 'result' | 'events';
  /** The incoming request this one is made on behalf of (routes it on Streamable HTTP). */
  relatedRequestId?: RequestId;
  /**
   * Whether unsubscribing or timing out sends `notifications/cancelled` (`false` for requests
   * the protocol forbids cancelling, such as `initialize`). @defaultValue true
   */
  cancellable?: boolean;
}

/** A progress update of an outgoing request, from `notifications/progress`. */
export interface ProgressEvent {
  type: 'progress';
  progress: number;
  total?: number;
  message?: string;
}

/** The final event of an outgoing request observed with `observe: 'events'`. */
export interface ResultEvent<R> {
  type: 'result';
  result: R;
}

/** What `observe: 'events'` emits: progress events, then exactly one result event. */
export type RequestEvent<R> = ProgressEvent | ResultEvent<R>;

/** A notification an Observable handler emits to send, related to its request. */
export interface NotificationEvent {
  type: 'notification';
  method: string;
  params?: Record<string, unknown>;
}

/**
 * What an Observable request handler may emit: progress (sent only when the caller asked for it
 * with a progress token), related notifications (such as log messages), then its result.
 */
export type HandlerEvent<R> = ProgressEvent | NotificationEvent | ResultEvent<R>;

/** What a handler gets besides the request. */
export interface HandlerContext {
  /** The incoming request's id. */
  readonly requestId: RequestId;
  /** The incoming request message (params as sent, `_meta` included). */
  readonly incoming: JSONRPCRequest;
  /** The session the request arrived on (handlers shared by many sessions tell them apart by it). */
  readonly session: Session;
  /** Aborted when the peer cancels the request or the connection closes. */
  readonly signal: AbortSignal;
  /** Sends `notifications/progress` if the caller sent a progress token; otherwise does nothing. */
  progress(progress: number, total?: number, message?: string): void;
  /** Sends a notification related to this request. */
  notify(method: string, params?: Record<string, unknown>): void;
  /** Sends a request to the peer related to this request (cold, like {@link Session.request}). */
  request<R = unknown>(method: string, params?: Record<string, unknown>, options?: RequestOptions): Observable<R>;
}

/**
 * Handles one incoming request. It may return the result, a Promise of it, or an Observable of
 * {@link HandlerEvent}s whose teardown runs if the peer cancels.
 *
 * @example
 * const slow: RequestHandler = () => timer(100).pipe(map(() => ({ type: 'result', result: {} })));
 */
export type RequestHandler<P = Record<string, unknown> | undefined, R = unknown> = (
  params: P,
  context: HandlerContext,
) => R | Promise<R> | Observable<HandlerEvent<R>>;

/** A zod-like schema: anything with `safeParse`. */
export interface ParamsValidator<P> {
  safeParse(
    value: unknown,
  ): { success: true; data: P } | { success: false; error: { message: string; issues?: unknown } };
}

/** A registered handler with its optional params schema (a failed parse answers -32602). */
export interface HandlerEntry {
  readonly handler: RequestHandler<any, any>;
  readonly params?: ParamsValidator<unknown>;
}

/** A JSON-RPC session over a transport. Create with {@link createSession}. */
export interface Session {
  /**
   * A cold request: each subscription sends one request with a fresh id; unsubscribing before
   * the response sends `notifications/cancelled` (never for `initialize`).
   */
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
