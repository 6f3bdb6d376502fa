import { TestScheduler } from 'rxjs/testing';
import { startTicking, stopTicking, type Tickable } from '../../../lib/server/http/ticker.js';

describe('ticker', () => {
  const member = (log: string[], name: string, now: () => number): Tickable => ({
    tick: () => log.push(`${name}@${now()}`),
  });

  it('ticks every member of a period from one action, until each stops; the action ends with the last', () => {
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
    expect(scheduler.actions.filter((action) => !action.closed).length).toBe(1);
    stopTicking(scheduler, 5_000, other);
    expect(scheduler.actions.filter((action) => !action.closed).length).toBe(0);
  });
});
