/**
 * @module
 * A scheduler on Node timers that never keep the process alive: the HTTP core's idle eviction
 * and keep-alive timers should not hold a process whose server has stopped listening.
 */
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';

/**
 * `asyncScheduler`, with every timer `unref`'ed.
 *
 * @example
 * createMcpFetchHandler(server, { scheduler: unrefScheduler });
 */
export const unrefScheduler: SchedulerLike = {
  now: () => Date.now(),
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    const action = new Subscription(() => clearTimeout(timer)) as Subscription & SchedulerAction<T>;
    action.schedule = (next?: T, nextDelay?: number) => unrefScheduler.schedule(work, nextDelay, next);
    const timer = setTimeout(() => {
      action.unsubscribe();
      work.call(action, state);
    }, delay);
    timer.unref();
    return action;
  },
};
