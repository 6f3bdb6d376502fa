/**
 * @module
 * Keeping a long-lived stream connected: reconnecting it when it ends or drops, with backoff on
 * a scheduler, reporting its health, and giving up after too many failed attempts in a row.
 */
import { Observable, type SchedulerLike, Subscription, timer } from 'rxjs';
import type { McpError } from '../../protocol/errors.js';
import type { TransportHealth } from '../transport.js';
import { reconnectDelay, type ReconnectOptions } from './reconnect.js';

/** What one connection of a kept stream emits: `open` once it is up, then its messages. */
export type ConnectionEvent<T> = { readonly type: 'open' } | { readonly type: 'message'; readonly message: T };

/** What {@link keepConnected} emits: the messages of every connection, and health changes. */
export type KeptEvent<T> =
  { readonly type: 'message'; readonly message: T } | { readonly type: 'health'; readonly health: TransportHealth };

/** How {@link keepConnected} reconnects. */
export interface KeepConnectedOptions {
  readonly policy: Required<ReconnectOptions>;
  readonly scheduler: SchedulerLike;
  /** The server's latest `retry` value, if it sent one: then every delay is exactly that. */
  serverRetry(): number | undefined;
  /** Whether a connection failing with `error` is worth another attempt (`opened`: one ever opened). */
  retryable(error: unknown, opened: boolean): boolean;
  /** The error the stream ends with once `attempts` attempts failed in a row, the last with `error`. */
  lost(error: unknown, attempts: number): McpError;
  /** The failure as a transport error, for health reports. */
  describe(error: unknown): McpError;
}

/**
 * Subscribes to `connect()` and keeps doing so. A connection that ends cleanly is reconnected
 * quietly after the delay; one that errors, or an attempt that fails, makes the stream
 * `reconnecting` (emitted with the failed-attempt count) until a connection opens again
 * (`connected`). Each delay is the server's `retry` value, else {@link reconnectDelay} of the
 * failed attempts in a row. After `maxRetries` failed attempts the stream errors with `lost`;
 * an error that is not `retryable` is rethrown as is (after `connected` if it was reconnecting:
 * the server answered). Delays run on the scheduler.
 *
 * ```
 * connect():  o-m-#   (drop)     X (refused)        o-m-|   …
 * result:     --m-r(attempt 0)---r(attempt 1)-------c-m-- …   (r reconnecting, c connected)
 * ```
 *
 * @example
 * keepConnected(() => openGetStream(), { policy, scheduler, serverRetry: () => cursor.retry, … })
 */
export function keepConnected<T>(
  connect: () => Observable<ConnectionEvent<T>>,
  options: KeepConnectedOptions,
): Observable<KeptEvent<T>> {
  const { policy, scheduler } = options;
  return new Observable<KeptEvent<T>>((subscriber) => {
    /** The connection, or the delay before the next one. */
    let current = Subscription.EMPTY;
    const hold = (subscription: Subscription) => {
      // A connection that ended synchronously has already scheduled what follows it.
      if (!subscription.closed) current = subscription;
    };
    let opened = false;
    let reconnecting = false;
    let failures = 0;
    const health = (value: TransportHealth) => subscriber.next({ type: 'health', health: value });
    const later = () => {
      hold(timer(reconnectDelay(policy, failures, options.serverRetry()), scheduler).subscribe(attempt));
    };
    const attempt = () => {
      let up = false;
      hold(
        connect().subscribe({
          next: (event) => {
            if (event.type === 'message') {
              subscriber.next(event);
              return;
            }
            up = opened = true;
            failures = 0;
            if (reconnecting) {
              reconnecting = false;
              health({ status: 'connected' });
            }
          },
          error: (error: unknown) => {
            if (!options.retryable(error, opened)) {
              if (reconnecting) health({ status: 'connected' });
              subscriber.error(error);
              return;
            }
            if (!up) failures++;
            if (failures >= policy.maxRetries && (!up || policy.maxRetries === 0)) {
              subscriber.error(options.lost(error, failures));
              return;
            }
            reconnecting = true;
            health({ status: 'reconnecting', attempt: failures, error: options.describe(error) });
            later();
          },
          complete: () => {
            if (failures >= policy.maxRetries) subscriber.complete();
            else later();
          },
        }),
      );
    };
    attempt();
    return () => current.unsubscribe();
  });
}
