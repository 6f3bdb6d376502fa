/**
 * @module
 * The trigger of a live value: once now, then on every matching notification.
 */
import { Observable } from 'rxjs';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';

/**
 * Emits once on subscription and again on each notification of `method` that `matches`. It
 * listens before the first emission, so a notification sent while the first fetch runs is
 * never missed.
 *
 * ```
 * notifications$: ---c---x---c--   (c = method, x = another)
 * refreshOn(c):   u--u-------u--
 * ```
 *
 * @example
 * refreshOn(session.notifications$, 'notifications/tools/list_changed').pipe(switchMap(() => listAllTools(session)))
 */
export function refreshOn(
  notifications$: Observable<JSONRPCNotification>,
  method: string,
  matches: (notification: JSONRPCNotification) => boolean = () => true,
): Observable<void> {
  return new Observable<void>((subscriber) => {
    const subscription = notifications$.subscribe({
      next: (notification) => {
        if (notification.method === method && matches(notification)) subscriber.next();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    subscriber.next();
    return subscription;
  });
}
