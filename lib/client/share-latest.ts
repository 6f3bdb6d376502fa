/**
 * @module
 * Sharing a live stream among observers while any is subscribed, replaying its latest value.
 */
import { type MonoTypeOperatorFunction, ReplaySubject, share } from 'rxjs';

/**
 * Shares the source while it has observers and replays the latest value to late ones. When
 * the last observer leaves, or the source errors or completes, it resets: the next observer
 * starts the source again (and replays nothing stale).
 *
 * ```
 * source:      --a----b-----
 * A:           ^-a----b--!
 * B:                ^ab------!     (B gets a at once)
 * ```
 *
 * @example
 * const tools$ = fetchToolsOnChange$.pipe(shareLatest());
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return share<T>({ connector: () => new ReplaySubject<T>(1) });
}
