/**
 * @module
 * The options of a session, and the handler entries its shared `handlers` hold.
 */
import type { SchedulerLike } from 'rxjs';
import type { HandlerEntry, ParamsValidator } from './incoming-request.js';
import type { RequestHandler } from './session-api.js';

/** Options of `createSession`. */
export interface SessionOptions {
  /** Where every timer runs. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Default request timeout in milliseconds. @defaultValue 60 000 */
  timeout?: number;
  /**
   * Handlers shared by many sessions, consulted for methods the session has no handler of its
   * own for (they tell sessions apart by `context.session`). Build entries with
   * {@link handlerEntry}.
   */
  handlers?: ReadonlyMap<string, HandlerEntry>;
  /**
   * Incoming requests whose handlers may run at once; one more is answered with JSON-RPC error
   * -32000 (`data: { limit: 'maxInflightRequests' }`) without running, and the session carries on.
   *
   * @defaultValue 1024
   */
  maxInflightRequests?: number;
}

/** {@link SessionOptions.maxInflightRequests}'s default. */
export const DEFAULT_MAX_INFLIGHT = 1024;

/**
 * An entry of {@link SessionOptions.handlers}: a handler and its optional params schema.
 *
 * @example
 * const shared = new Map([['echo', handlerEntry((params, context) => params)]]);
 */
export function handlerEntry<P = Record<string, unknown> | undefined, R = unknown>(
  handler: RequestHandler<P, R>,
  params?: ParamsValidator<P>,
): HandlerEntry {
  return { handler, params: params as ParamsValidator<unknown> | undefined };
}
