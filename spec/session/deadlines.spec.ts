import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { Deadlines } from '../../lib/session/deadlines.js';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Wraps `scheduler` to count how many timers the deadlines ask it for. */
function counting(scheduler: SchedulerLike): SchedulerLike & { scheduled: number } {
  const wrapper = {
    scheduled: 0,
    now: () => scheduler.now(),
    schedule: (work: () => void, delay?: number) => {
      wrapper.scheduled++;
      return scheduler.schedule(work, delay);
    },
  };
  return wrapper as unknown as SchedulerLike & { scheduled: number };
}

describe('Deadlines', () => {
  it('expires each deadline at exactly its time, in order of time, then of arming', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const deadlines = new Deadlines(scheduler);
      const seen: string[] = [];
      const note = (name: string) => () => seen.push(`${name}@${scheduler.now()}`);
      deadlines.arm(30, note('a'));
      deadlines.arm(10, note('b'));
      deadlines.arm(30, note('c'));
      deadlines.arm(20, note('d'));
      flush();
      expect(seen).toEqual(['b@10', 'd@20', 'a@30', 'c@30']);
    });
  });

  it('never expires a cleared deadline, and still expires the ones after it on time', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const deadlines = new Deadlines(scheduler);
      const seen: string[] = [];
      const first = deadlines.arm(10, () => seen.push('first'));
      deadlines.arm(25, () => seen.push(`second@${scheduler.now()}`));
      deadlines.clear(first);
      deadlines.clear(first);
      flush();
      expect(seen).toEqual(['second@25']);
    });
  });

  it('wakes earlier when a deadline earlier than the armed timer comes in', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const deadlines = new Deadlines(scheduler);
      const seen: string[] = [];
      deadlines.arm(100, () => seen.push(`late@${scheduler.now()}`));
      scheduler.schedule(() => deadlines.arm(5, () => seen.push(`early@${scheduler.now()}`)), 10);
      flush();
      expect(seen).toEqual(['early@15', 'late@100']);
    });
  });

  it('keeps one timer for many deadlines, also when they are armed and cleared one after another', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const wrapped = counting(scheduler);
      const deadlines = new Deadlines(wrapped);
      const armed = Array.from({ length: 1_000 }, () => deadlines.arm(60_000, () => fail('expired')));
      for (const deadline of armed) deadlines.clear(deadline);
      for (let i = 0; i < 1_000; i++) deadlines.clear(deadlines.arm(60_000, () => fail('expired')));
      expect(wrapped.scheduled).toBe(1);
      flush();
      expect(wrapped.scheduled).toBe(1);
    });
  });

  it('does not keep a Node process alive with its timer', () => {
    const keepingAlive = () =>
      (process as unknown as { getActiveResourcesInfo(): string[] })
        .getActiveResourcesInfo()
        .filter((kind) => kind === 'Timeout').length;
    const before = keepingAlive();
    const deadlines = new Deadlines(asyncScheduler);
    const deadline = deadlines.arm(60_000, () => fail('expired'));
    const referenced = asyncScheduler.schedule(() => undefined, 60_000);
    expect(keepingAlive()).toBe(before + 1);
    referenced.unsubscribe();
    deadlines.clear(deadline);
    deadlines.clearAll();
  });

  it('lets a deadline arm another while expiring, and clearAll forgets everything', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const deadlines = new Deadlines(scheduler);
      const seen: number[] = [];
      deadlines.arm(10, () => {
        seen.push(scheduler.now());
        deadlines.arm(10, () => seen.push(scheduler.now()));
      });
      flush();
      expect(seen).toEqual([10, 20]);
      deadlines.arm(10, () => seen.push(-1));
      deadlines.clearAll();
      flush();
      expect(seen).toEqual([10, 20]);
    });
  });

  it('never expires an infinite deadline and asks the scheduler for no timer for it', () => {
    const scheduler = testScheduler();
    scheduler.run(({ flush }) => {
      const timers = counting(scheduler);
      const deadlines = new Deadlines(timers);
      const seen: string[] = [];
      deadlines.arm(Infinity, () => seen.push('never'));
      expect(timers.scheduled).toBe(0);
      deadlines.arm(10, () => seen.push(`finite@${scheduler.now()}`));
      flush();
      expect(seen).toEqual(['finite@10']);
      expect(timers.scheduled).toBe(1);
    });
  });
});
