/**
 * @module
 * The `chaos` operator: drops, duplicates, reorders and delays the values of a stream, at
 * random but reproducibly (seeded), on a scheduler, for testing code under faults.
 */
import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type SchedulerLike, Subscription } from 'rxjs';
import { seededRandom } from './seeded-random.js';

/** A fault {@link chaos} injected, as told to {@link ChaosOptions.onFault}. */
export interface ChaosFault<T = unknown> {
  kind: 'drop' | 'duplicate' | 'reorder' | 'delay';
  value: T;
  /** For `'delay'`: by how many milliseconds. */
  delay?: number;
}

/** Options of {@link chaos}. Probabilities are in `[0, 1]`; all default to no fault. */
export interface ChaosOptions<T = unknown> {
  /** Seeds the random choices: the same seed and input give the same faults. @defaultValue 1 */
  seed?: number;
  /** Where delays run (a `TestScheduler` inside `run()` makes them virtual). @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Probability that a value is lost. @defaultValue 0 */
  drop?: number;
  /** Probability that a value arrives twice. @defaultValue 0 */
  duplicate?: number;
  /** Probability that a value is held back and delivered just after the next one. @defaultValue 0 */
  reorder?: number;
  /**
   * Delay of each value in milliseconds: a fixed number, or a range drawn from uniformly (whole
   * milliseconds). Values with different delays overtake each other. @defaultValue 0
   */
  delay?: number | { min: number; max: number };
  /** Called with each fault as it is injected (log them to see what a failing seed did). */
  onFault?: (fault: ChaosFault<T>) => void;
}

/**
 * Injects faults into a stream, deterministically for a given `seed`: each value may be dropped,
 * duplicated, held back behind the next value (reordered), or delayed on the scheduler. Every
 * value draws the same number of random numbers whatever happens to it, so the faults a value
 * gets depend only on the seed and its position. Completion waits for delayed values (what is
 * in flight still arrives); errors pass at once and discard what is still delayed.
 *
 * ```
 * source:                         -a-b-c-d-|
 * chaos({ drop, reorder, delay }): ---a--d-c-|   (b dropped, c held behind d, a delayed)
 * ```
 *
 * @example
 * testScheduler.run(() => {
 *   const lossy$ = messages$.pipe(chaos({ seed: 7, drop: 0.1, duplicate: 0.05, delay: { min: 0, max: 20 } }));
 *   // … assert that the code reading lossy$ still settles every request
 * });
 */
export function chaos<T>(options: ChaosOptions<T> = {}): MonoTypeOperatorFunction<T> {
  const { drop = 0, duplicate = 0, reorder = 0, onFault } = options;
  const [minDelay, maxDelay] =
    typeof options.delay === 'object'
      ? [options.delay.min, options.delay.max]
      : [options.delay ?? 0, options.delay ?? 0];
  return (source) =>
    new Observable<T>((subscriber) => {
      const random = seededRandom(options.seed ?? 1);
      const scheduler = options.scheduler ?? asyncScheduler;
      const timers = new Subscription();
      let inFlight = 0;
      let sourceDone = false;
      let held: Array<[T, number]> | undefined;

      const completeIfIdle = () => {
        if (sourceDone && inFlight === 0 && held === undefined) subscriber.complete();
      };
      const deliver = (value: T, delayRoll: number) => {
        if (maxDelay <= 0) {
          subscriber.next(value);
          return;
        }
        const delay = minDelay + Math.floor(delayRoll * (maxDelay - minDelay + 1));
        if (delay > 0) onFault?.({ kind: 'delay', value, delay });
        inFlight++;
        const action = scheduler.schedule(() => {
          timers.remove(action);
          inFlight--;
          subscriber.next(value);
          completeIfIdle();
        }, delay);
        timers.add(action);
      };
      /** Delivers the value held back by a reorder, if any (with the delays it drew). */
      const release = () => {
        const pending = held;
        held = undefined;
        pending?.forEach(([value, delayRoll]) => deliver(value, delayRoll));
      };

      const subscription = source.subscribe({
        next: (value) => {
          const [dropRoll, duplicateRoll, reorderRoll, delayRoll, copyDelayRoll] = [
            random(),
            random(),
            random(),
            random(),
            random(),
          ];
          if (dropRoll < drop) {
            onFault?.({ kind: 'drop', value });
            release();
            return;
          }
          const copies: Array<[T, number]> = [[value, delayRoll]];
          if (duplicateRoll < duplicate) {
            onFault?.({ kind: 'duplicate', value });
            copies.push([value, copyDelayRoll]);
          }
          if (held === undefined && reorderRoll < reorder) {
            onFault?.({ kind: 'reorder', value });
            held = copies;
            return;
          }
          copies.forEach(([copy, roll]) => deliver(copy, roll));
          release();
        },
        error: (error: unknown) => {
          timers.unsubscribe();
          subscriber.error(error);
        },
        complete: () => {
          sourceDone = true;
          release();
          completeIfIdle();
        },
      });
      return () => {
        subscription.unsubscribe();
        timers.unsubscribe();
      };
    });
}
