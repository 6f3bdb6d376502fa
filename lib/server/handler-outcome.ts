/**
 * @module
 * What server handlers may return (a value, a Promise or an Observable) and how it becomes the
 * one result of a request.
 */
import { defer, from, isObservable, last, map, type Observable, of, type OperatorFunction } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import { isPromiseLike } from '../session/incoming-request.js';
import type { HandlerEvent } from '../session/session-api.js';

/**
 * A handler's answer: a value, a Promise of it, or an Observable whose **last** value before it
 * completes is the answer (earlier values are ignored; use `ctx.progress` and `ctx.log` to report
 * on the way). Unsubscribing the Observable is how cancellation reaches the handler.
 */
export type HandlerOutcome<T> = T | PromiseLike<T> | Observable<T>;

/**
 * Runs `handler` on subscription and emits its answer once: a synchronous throw, a rejection or
 * an error of the Observable errors; an Observable that completes empty errors with -32603.
 *
 * ```
 * handler Observable  -a--b--c|
 * fromOutcome         --------(c|)
 * ```
 *
 * @example
 * fromOutcome(() => entry.handler(args, ctx)).subscribe((result) => console.log(result));
 */
export function fromOutcome<T>(handler: () => HandlerOutcome<T>): Observable<T> {
  return defer(() => {
    const outcome = handler();
    if (isObservable(outcome)) {
      return outcome.pipe(
        last(undefined, noValue as T),
        map((value) => {
          if (value === noValue)
            throw McpError.protocol(ErrorCode.InternalError, 'The handler completed without a value');
          return value;
        }),
      );
    }
    return isPromiseLike(outcome) ? from(outcome) : of(outcome);
  });
}

/** Wraps each value as the result event the session engine sends. */
export function asResultEvent<T>(): OperatorFunction<T, HandlerEvent<T>> {
  return map((result) => ({ type: 'result', result }));
}

const noValue: unknown = Symbol('no value');
