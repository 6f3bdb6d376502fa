import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TestScheduler } from 'rxjs/testing';
import type { SchedulerLike } from 'rxjs';
import { DeadlineQueue } from '../../../lib/server/http/deadline-queue.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether `weak`'s target is gone after the current job ends and a full collection runs. */
async function collected(weak: WeakRef<object>): Promise<boolean> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
  return weak.deref() === undefined;
}

/** A timeout whose action holds `held` (as a POST's body timeout holds its request), and a weak reference to `held`. */
function started(queue: DeadlineQueue): { deadline: { cancel(): void }; weak: WeakRef<object> } {
  const held = { request: new Array(1000).fill(0) };
  const deadline = queue.start(() => void held.request.length);
  return { deadline, weak: new WeakRef(held) };
}

describe('DeadlineQueue: a finished timeout keeps nothing its action held', () => {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));

  it('drops the action of a cancelled timeout still queued behind a running one', async () => {
    const queue = new DeadlineQueue(scheduler as SchedulerLike, 100);
    const first = started(queue);
    const second = started(queue);
    second.deadline.cancel(); // not at the front: the queue still holds its entry
    expect(await collected(second.weak)).toBe(true);
    expect(await collected(first.weak)).toBe(false); // still running
    first.deadline.cancel();
    queue.close();
  });

  it('drops the action of a cancelled timeout at the front while later ones run', async () => {
    const queue = new DeadlineQueue(scheduler as SchedulerLike, 100);
    const first = started(queue);
    const second = started(queue);
    first.deadline.cancel();
    expect(await collected(first.weak)).toBe(true);
    second.deadline.cancel();
    queue.close();
  });

  it('drops the actions of the timeouts close() ends', async () => {
    const queue = new DeadlineQueue(scheduler as SchedulerLike, 100);
    const first = started(queue);
    const deadline = first.deadline; // the caller may keep the handle
    queue.close();
    expect(await collected(first.weak)).toBe(true);
    deadline.cancel();
  });
});
