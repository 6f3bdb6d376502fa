/**
 * @module
 * The trigger of a live value: once now, then on every matching notification.
 */
import { Observable } from 'rxjs';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';

/**
 * Emits once on subscription and again on each notification of `method` that `matches`. It
 * listens before the first emission, so a notification sent while the first fetch runs is
 * never missed. What `merge(notifications$.pipe(filter(…), map(() => undefined)), of(undefined))`
 * does (a throwing `matches` errors it; completion follows the notifications'), without the
 * operator chain.
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
    let completed = false;
    const subscription = notifications$.subscribe({
      next: (notification) => {
        let matched: boolean;
        try {
          matched = notification.method === method && matches(notification);
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (matched) subscriber.next();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => (completed = true),
    });
    subscriber.next();
    // Completion is passed on once the notifications are torn down (at once if they already
    // completed, after the first emission), as `merge` passes it on.
    subscription.add(() => completed && subscriber.complete());
    return subscription;
  });
}
