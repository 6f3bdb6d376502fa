/**
 * @module
 * Filtering notifications by method, with the method narrowed in the type.
 */
import { filter, type OperatorFunction } from 'rxjs';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';

/** A notification whose `method` is one of `M`. */
export type NotificationOf<M extends string> = JSONRPCNotification & { method: M };

/**
 * Keeps the notifications whose method is one of `methods`.
 *
 * ```
 * notifications$: --a--b--a--c--|     (a = notifications/progress)
 * ofMethod(a):    --a-----a-----|
 * ```
 *
 * @example
 * session.notifications$.pipe(ofMethod('notifications/tools/list_changed')).subscribe(refresh);
 */
export function ofMethod<M extends string>(...methods: M[]): OperatorFunction<JSONRPCNotification, NotificationOf<M>> {
  const wanted = new Set<string>(methods);
  return filter((notification): notification is NotificationOf<M> => wanted.has(notification.method));
}
