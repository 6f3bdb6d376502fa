/**
 * @module
 * Running one feature handler of a 2026-07-28 request: the notifications it sends, then its
 * result or error, as outcomes; unsubscribing cancels it (its signal aborts).
 */
import { Observable } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { fromOutcome } from '../handler-outcome.js';
import type { FeatureHandler, ServerFeatures } from '../request-handlers.js';
import type { createModernContext } from './modern-context.js';

/** What running a handler yields: a notification it sent, its result, or its error. */
export type Outcome =
  | { type: 'notification'; message: JSONRPCMessage }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: unknown };

/** Runs a handler once: its notifications, then its result or error (never an Observable error). */
export function runHandler(
  entry: FeatureHandler,
  params: unknown,
  makeContext: (
    signal: () => AbortSignal,
    notify: (method: string, params?: Record<string, unknown>) => void,
  ) => ReturnType<typeof createModernContext>,
  features: ServerFeatures,
): Observable<Outcome> {
  return new Observable<Outcome>((subscriber) => {
    // The signal is made only if the handler reads it, and aborted only on cancellation.
    let abort: AbortController | undefined;
    let finished = false;
    const ctx = makeContext(
      () => (abort ??= new AbortController()).signal,
      (method, notificationParams) =>
        subscriber.next({
          type: 'notification',
          message:
            notificationParams === undefined
              ? { jsonrpc: '2.0', method }
              : { jsonrpc: '2.0', method, params: notificationParams },
        }),
    );
    const subscription = fromOutcome(() => entry.run(params, ctx, features)).subscribe({
      next: (result) => subscriber.next({ type: 'result', result }),
      error: (error: unknown) => {
        finished = true;
        subscriber.next({ type: 'error', error });
        subscriber.complete();
      },
      complete: () => {
        finished = true;
        subscriber.complete();
      },
    });
    return () => {
      subscription.unsubscribe();
      if (abort && !finished) abort.abort(new McpError('closed', 'The request was cancelled'));
    };
  });
}
