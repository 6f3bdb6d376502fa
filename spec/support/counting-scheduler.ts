// A scheduler that runs on another (a TestScheduler) and counts the actions scheduled on it.
import type { SchedulerLike } from 'rxjs';

/** `scheduler`, counting each `schedule` call in `counter.scheduled`. */
export function countingScheduler(scheduler: SchedulerLike): { scheduler: SchedulerLike; readonly scheduled: number } {
  const counter = {
    scheduled: 0,
    scheduler: {
      now: () => scheduler.now(),
      schedule: (work: () => void, delay?: number) => {
        counter.scheduled++;
        return scheduler.schedule(work, delay);
      },
    } as SchedulerLike,
  };
  return counter;
}
