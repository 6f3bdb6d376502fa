/**
 * @module
 * Signals for templates that never throw: a stream's values, errors and recovery as state.
 */
import { type DestroyRef, type NgZone, type Signal, signal, untracked } from '@angular/core';
import { asyncScheduler, type Observable, retry, type SchedulerLike, timer } from 'rxjs';
import { asMcpError, type McpError } from '../protocol/errors.js';

/**
 * What a live signal holds. `value` is the latest value, kept through an error so a template can
 * go on showing it (greyed out) while the connection recovers.
 */
export type LiveState<T> =
  | { readonly status: 'loading'; readonly value?: undefined; readonly error?: undefined }
  | { readonly status: 'ready'; readonly value: T; readonly error?: undefined }
  | { readonly status: 'error'; readonly value: T | undefined; readonly error: McpError };

/** How a live signal recovers. */
export interface LiveSignalOptions {
  /** Milliseconds between an error and the next attempt. @defaultValue 1000 */
  retryDelay?: number;
  /** Where the retry delay runs. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
}

/**
 * Subscribes to `source$` outside `zone` until `destroyRef` is destroyed and mirrors it in a
 * signal: `loading` until the first value, `ready` with each value, `error` (keeping the last
 * value) when it errors, then it is subscribed again after `retryDelay`. Reading never throws.
 *
 * @example
 * const tools = liveSignal(client.tools$, inject(DestroyRef), inject(NgZone));
 * effect(() => tools().status === 'ready' && console.log(tools().value));
 */
export function liveSignal<T>(
  source$: Observable<T>,
  destroyRef: DestroyRef,
  zone: NgZone,
  options: LiveSignalOptions = {},
): Signal<LiveState<T>> {
  const { retryDelay = 1000, scheduler = asyncScheduler } = options;
  const state = signal<LiveState<T>>({ status: 'loading' });
  // untracked: the first read may be in a template, and a live list connects (writing state) at once.
  const subscription = untracked(() =>
    zone.runOutsideAngular(() =>
      source$
        .pipe(
          retry({
            delay: (error: unknown) => {
              state.update((last) => ({
                status: 'error',
                value: last.value,
                error: asMcpError(error, 'The live view failed'),
              }));
              return timer(retryDelay, scheduler);
            },
          }),
        )
        .subscribe((value) => state.set({ status: 'ready', value })),
    ),
  );
  destroyRef.onDestroy(() => subscription.unsubscribe());
  return state.asReadonly();
}
