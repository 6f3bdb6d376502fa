import { TestScheduler } from 'rxjs/testing';
import { startTicking, stopTicking, type Tickable } from '../../../lib/server/http/ticker.js';
import { countingScheduler } from '../../support/counting-scheduler.js';

describe('ticker', () => {
  const member = (log: string[], name: string, now: () => number): Tickable => ({
    tick: () => log.push(`${name}@${now()}`),
  });

  it('ticks every member of a period from one action, until each stops; the action ends at its first tick with no member', () => {
    const scheduler = new TestScheduler(() => undefined);
    const log: string[] = [];
    const now = () => scheduler.now();
    const a = member(log, 'a', now);
    const b = member(log, 'b', now);
    const other = member(log, 'other', now);
    startTicking(scheduler, 1_000, a);
    startTicking(scheduler, 1_000, b);
    startTicking(scheduler, 5_000, other);
    expect(scheduler.actions.length).toBe(2);
    scheduler.maxFrames = 2_000;
    scheduler.flush();
    expect(log).toEqual(['a@1000', 'b@1000', 'a@2000', 'b@2000']);
    stopTicking(scheduler, 1_000, a);
    scheduler.maxFrames = 3_000;
    scheduler.flush();
    expect(log.slice(4)).toEqual(['b@3000']);
    stopTicking(scheduler, 1_000, b);
    stopTicking(scheduler, 1_000, b);
    const active = () => scheduler.actions.filter((action) => !action.closed).length;
    expect(active()).toBe(2);
    scheduler.maxFrames = 4_000;
    scheduler.flush();
    expect(active()).toBe(1);
    stopTicking(scheduler, 5_000, other);
    scheduler.maxFrames = 5_000;
    scheduler.flush();
    expect(log.slice(5)).toEqual([]);
    expect(active()).toBe(0);
  });

  it('schedules one action for members that come and go in turn, and ticks one that joins while it stays', () => {
    const scheduler = new TestScheduler(() => undefined);
    const counter = countingScheduler(scheduler);
    const counting = counter.scheduler;
    const log: string[] = [];
    const now = () => scheduler.now();
    for (let i = 0; i < 5; i++) {
      const each = member(log, `m${i}`, now);
      scheduler.schedule(() => startTicking(counting, 1_000, each), i * 100);
      scheduler.schedule(() => stopTicking(counting, 1_000, each), i * 100 + 50);
    }
    const late = member(log, 'late', now);
    scheduler.schedule(() => startTicking(counting, 1_000, late), 700);
    scheduler.schedule(() => stopTicking(counting, 1_000, late), 1_500);
    scheduler.maxFrames = 10_000;
    scheduler.flush();
    // One action from 0: it ticks `late` at 1000 (within a period of its joining), finds no one at 2000 and ends.
    expect(log).toEqual(['late@1000']);
    expect(counter.scheduled).toBe(2);
    expect(scheduler.actions.filter((action) => !action.closed).length).toBe(0);
  });
});
