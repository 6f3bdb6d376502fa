/**
 * Task buses of `count` processes linked in memory: what one publishes reaches the others (as
 * JSON, as on Redis) after `latency` frames of virtual time; never the publisher itself.
 * For use inside `TestScheduler.run`.
 */
import { delay, filter, map, Subject } from 'rxjs';
import type { TaskBus, TaskSignal } from '../../../lib/server/tasks/task-bus.js';

export interface LinkedTaskBuses {
  readonly buses: TaskBus[];
  /** Every signal published, in order, with its publisher's index. */
  readonly published: { from: number; signal: TaskSignal }[];
}

export function linkedTaskBuses(count: number, latency = 1): LinkedTaskBuses {
  const wire = new Subject<{ from: number; text: string }>();
  const published: { from: number; signal: TaskSignal }[] = [];
  const buses = Array.from({ length: count }, (_, index): TaskBus => ({
    publish: (signal) => {
      published.push({ from: index, signal });
      wire.next({ from: index, text: JSON.stringify(signal) });
    },
    remote$: wire.pipe(
      filter(({ from }) => from !== index),
      delay(latency),
      map(({ text }) => JSON.parse(text) as TaskSignal),
    ),
  }));
  return { buses, published };
}
