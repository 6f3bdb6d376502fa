import { TestScheduler } from 'rxjs/testing';
import type { SchedulerLike } from 'rxjs';
import { DeadlineQueue } from '../../../lib/server/http/deadline-queue.js';
import { countingScheduler } from '../../support/counting-scheduler.js';

/** Starts timeouts at `starts`, cancels those in `cancels` (by index, at a frame), returns when each fired. */
function scenario(
  kind: 'queue' | 'plain',
  starts: number[],
  cancels: Array<[number, number]>,
): { fired: Array<[number, number]>; left: number } {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const fired: Array<[number, number]> = [];
  scheduler.run(() => {
    const queue = new DeadlineQueue(scheduler as SchedulerLike, 100);
    const handles: Array<{ cancel(): void }> = [];
    starts.forEach((at, index) =>
      scheduler.schedule(() => {
        const fire = () => fired.push([index, scheduler.now()]);
        if (kind === 'queue') handles[index] = queue.start(fire);
        else {
          const action = scheduler.schedule(fire, 100);
          handles[index] = { cancel: () => action.unsubscribe() };
        }
      }, at),
    );
    for (const [index, at] of cancels) scheduler.schedule(() => handles[index]!.cancel(), at);
  });
  return { fired, left: scheduler.actions.filter((action) => !action.closed).length };
}

describe('DeadlineQueue (one action for many timeouts of one length)', () => {
  it.each([
    ['one timeout', [0], []],
    ['several, none cancelled', [0, 10, 10, 250], []],
    ['the oldest cancelled: the next fires on time', [0, 10, 30], [[0, 5]]],
    ['a middle one cancelled', [0, 10, 30], [[1, 50]]],
    [
      'all cancelled',
      [0, 10],
      [
        [0, 11],
        [1, 12],
      ],
    ],
    ['cancelled after firing (no effect)', [0], [[0, 150]]],
    ['started after an idle gap', [0, 500], [[0, 20]]],
    ['started while the action of a cancelled one is still scheduled', [0, 50], [[0, 5]]],
    [
      'steady traffic: each started after the last was cancelled',
      [0, 30, 60, 90, 120],
      [
        [0, 1],
        [1, 31],
        [2, 61],
        [3, 91],
      ],
    ],
  ] as Array<[string, number[], Array<[number, number]>]>)(
    'fires like one scheduler.schedule per timeout: %s',
    (_, starts, cancels) => {
      const plain = scenario('plain', starts, cancels);
      const queue = scenario('queue', starts, cancels);
      expect(queue.fired).toEqual(plain.fired);
      expect(queue.left).toBe(0);
    },
  );

  it('keeps one action while timeouts run, then until its time once all are cancelled; close() cancels it', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const queue = new DeadlineQueue(scheduler, 100);
    const a = queue.start(() => undefined);
    const b = queue.start(() => undefined);
    expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(1);
    a.cancel();
    b.cancel();
    expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(1);
    queue.close();
    expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(0);
  });

  it('schedules one action, not one per timeout, for timeouts started and cancelled in turn (and none once idle for its delay)', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const counter = countingScheduler(scheduler);
    const counting = counter.scheduler;
    scheduler.run(() => {
      const queue = new DeadlineQueue(counting, 100);
      for (let i = 0; i < 10; i++) scheduler.schedule(() => queue.start(() => undefined).cancel(), i * 5);
    });
    expect(counter.scheduled).toBe(1);
    expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(0);
  });
});
