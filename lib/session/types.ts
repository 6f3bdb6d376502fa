/**
 * @module
 * Types shared by the session engine's outgoing and incoming halves.
 */
import type { Session } from './session.js';
import type { Observable } from 'rxjs';
import type { JSONRPCRequest, RequestId } from '../protocol/jsonrpc.js';

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
