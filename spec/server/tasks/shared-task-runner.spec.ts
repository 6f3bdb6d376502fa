// Two processes' runners on one store and a task bus (virtual time, one frame of bus latency):
// records written by the runner of a task are heard by the other, a cancellation on the other
// stops the work where it runs, and the record ends once.
import {
  asyncScheduler,
  concat,
  finalize,
  ignoreElements,
  map,
  NEVER,
  Observable,
  switchMap,
  take,
  tap,
  timer,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createInMemoryTaskStore } from '../../../lib/server/tasks/in-memory-task-store.js';
import { serveLegacyTaskMethod } from '../../../lib/server/tasks/legacy-tasks.js';
import { serveTaskMethod } from '../../../lib/server/tasks/modern-tasks.js';
import { notifyLegacyStatus } from '../../../lib/server/tasks/task-status-notifications.js';
import { TaskRunner, type TaskWork } from '../../../lib/server/tasks/task-runner.js';
import type { TaskRecord } from '../../../lib/server/tasks/task-store.js';
import { linkedTaskBuses } from './linked-task-buses.js';

const TASKS = { extensions: { 'io.modelcontextprotocol/tasks': {} } };
const marbles = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Runners A and B sharing one store and linked buses (and the bus of a third process); A's task ids are a1, a2… */
function twoProcesses(cancelWaitMs?: number) {
  const store = createInMemoryTaskStore(asyncScheduler);
  const { buses, published } = linkedTaskBuses(3);
  let n = 0;
  const [a, b] = ['a', 'b'].map((name) => {
    const runner = new TaskRunner({
      store: createInMemoryTaskStore(asyncScheduler),
      scheduler: asyncScheduler,
      newTaskId: () => `${name}${++n}`,
      ...(cancelWaitMs === undefined ? {} : { cancelWaitMs }),
    });
    runner.share({ store, bus: buses[name === 'a' ? 0 : 1]! });
    return runner;
  }) as [TaskRunner, TaskRunner];
  return { a, b, store, published, third: buses[2]! };
}

/** Work that reports progress every 2 frames (50 times), never ending by itself; counts its teardowns and aborts. */
function endless() {
  const seen = { torn: 0, aborted: 0 };
  const work: TaskWork = (_inputs, notify, signal) =>
    new Observable<Record<string, unknown>>((subscriber) => {
      signal().addEventListener('abort', () => seen.aborted++);
      const ticks = timer(2, 2)
        .pipe(take(50))
        .subscribe((i) => notify('notifications/progress', { progress: i + 1 }));
      return () => {
        ticks.unsubscribe();
        subscriber.complete();
      };
    }).pipe(finalize(() => seen.torn++));
  return { work, seen };
}

const statusOf = (record: TaskRecord | undefined) => record && [record.status, record.statusMessage];
const later = <T>(frame: number, work: () => Observable<T>) => timer(frame).pipe(switchMap(work));

describe('task runners of two processes, sharing a store and a bus', () => {
  it('B finds a task started on A and hears each record A writes, one frame later', () => {
    marbles().run((helpers) => {
      const { a, b } = twoProcesses();
      const work: TaskWork = (_inputs, notify) =>
        concat(
          timer(1).pipe(
            tap(() => notify('notifications/progress', { progress: 1, total: 2, message: 'half' })),
            ignoreElements(),
          ),
          timer(2).pipe(map(() => ({ content: [] }))),
        );
      helpers
        .expectObservable(a.start(work, { capabilities: {} }).pipe(map((r) => r.taskId)))
        .toBe('(a|)', { a: 'a1' });
      helpers.expectObservable(b.get('a1').pipe(map(statusOf))).toBe('(a|)', { a: ['working', undefined] });
      helpers
        .expectObservable(b.changes$.pipe(map(statusOf)), '^-----!')
        .toBe('--h-c-', { h: ['working', 'half'], c: ['completed', 'half'] });
      helpers.expectObservable(b.terminal('a1').pipe(map(statusOf))).toBe('----(c|)', { c: ['completed', 'half'] });
    });
  });

  it('tasks/cancel on B (either era) stops the work on A: its teardown runs, its signal aborts, the record ends cancelled once', () => {
    marbles().run((helpers) => {
      const { a, b, store, published } = twoProcesses();
      const modern = endless();
      const legacy = endless();
      a.start(modern.work, { capabilities: {} }).subscribe();
      a.start(legacy.work, { capabilities: {}, owner: 'session-1' }).subscribe();
      const terminalHeard: string[] = [];
      b.changes$.subscribe((r) => r.status === 'cancelled' && terminalHeard.push(`b:${r.taskId}`));
      a.changes$.subscribe((r) => r.status === 'cancelled' && terminalHeard.push(`a:${r.taskId}`));
      // Cancelled at frame 5: A hears it at 6 and writes `cancelled`, B hears that at 7 and answers.
      helpers
        .expectObservable(later(5, () => serveTaskMethod(b, 'tasks/cancel', { taskId: 'a1' }, TASKS)))
        .toBe('-------(a|)', { a: {} });
      helpers
        .expectObservable(
          later(5, () =>
            serveLegacyTaskMethod(b, 'tasks/cancel', { taskId: 'a2' }, 'session-1', 10).pipe(map((t) => t['status'])),
          ),
        )
        .toBe('-------(a|)', { a: 'cancelled' });
      helpers
        .expectObservable(
          later(30, () =>
            store.get('a1').pipe(map((r) => [r?.status, r?.statusMessage, modern.seen, legacy.seen, a.runningCount])),
          ),
        )
        .toBe('-'.repeat(30) + '(a|)', {
          a: ['cancelled', 'Cancelled by the client', { torn: 1, aborted: 1 }, { torn: 1, aborted: 1 }, 0],
        });
      helpers.flush();
      expect(terminalHeard.sort()).toEqual(['a:a1', 'a:a2', 'b:a1', 'b:a2']);
      const cancelledWrites = published.filter(
        (p) => p.signal.type === 'changed' && p.signal.record.status === 'cancelled',
      );
      expect(cancelledWrites.map((p) => p.from)).toEqual([0, 0]); // written by A only
    });
  });

  it('a cancellation of a task nobody runs any more is marked by B after cancelWaitMs', () => {
    marbles().run((helpers) => {
      const { b, store } = twoProcesses(100);
      const orphan: TaskRecord = { taskId: 'x', status: 'working', createdAt: 0, lastUpdatedAt: 0, ttlMs: null };
      store.create(orphan).subscribe();
      helpers
        .expectObservable(later(5, () => b.cancel('x').pipe(map(statusOf))))
        .toBe('-'.repeat(105) + '(a|)', { a: ['cancelled', 'Cancelled by the client'] });
      helpers.expectObservable(later(200, () => store.get('x').pipe(map(statusOf)))).toBe('-'.repeat(200) + '(a|)', {
        a: ['cancelled', 'Cancelled by the client'],
      });
    });
  });

  it('a task A runs stops when A hears another process marked it ended (a cancellation A missed)', () => {
    marbles().run((helpers) => {
      const { a, store, third } = twoProcesses();
      const { work, seen } = endless();
      a.start(work, { capabilities: {} }).subscribe();
      const ends: string[] = [];
      a.changes$.subscribe((r) => r.status !== 'working' && ends.push(`${r.status}@${r.lastUpdatedAt}`));
      // What a cancelling process does after cancelWaitMs: mark the record, publish it (A hears it at 6).
      timer(5).subscribe(() => {
        const marked: TaskRecord = { taskId: 'a1', status: 'cancelled', createdAt: 0, lastUpdatedAt: 5, ttlMs: null };
        store.put(marked).subscribe();
        third.publish({ type: 'changed', record: marked });
      });
      helpers.flush();
      expect([seen, a.runningCount, ends]).toEqual([{ torn: 1, aborted: 1 }, 0, ['cancelled@5']]);
    });
  });

  it('when the work ends before the cancellation reaches A, the task stays completed (the first end wins)', () => {
    marbles().run((helpers) => {
      const { a, b, store } = twoProcesses();
      a.start(() => timer(6).pipe(map(() => ({ content: [] }))), { capabilities: {} }).subscribe();
      helpers.expectObservable(later(5, () => b.cancel('a1').pipe(map(statusOf)))).toBe('-------(a|)', {
        a: ['completed', undefined],
      });
      helpers.expectObservable(later(20, () => store.get('a1').pipe(map(statusOf)))).toBe('-'.repeat(20) + '(a|)', {
        a: ['completed', undefined],
      });
    });
  });

  it('a store never replaces a terminal record (the mark of a late process is dropped)', () => {
    marbles().run((helpers) => {
      const store = createInMemoryTaskStore(asyncScheduler);
      const done: TaskRecord = { taskId: 'd', status: 'completed', createdAt: 0, lastUpdatedAt: 0, ttlMs: null };
      store.create(done).subscribe();
      store.put({ ...done, status: 'cancelled', lastUpdatedAt: 1 }).subscribe();
      helpers.expectObservable(store.get('d').pipe(map(statusOf))).toBe('(a|)', { a: ['completed', undefined] });
    });
  });

  it('a 2025 session following the task on B gets notifications/tasks/status for the records A writes', () => {
    marbles().run((helpers) => {
      const { a, b } = twoProcesses();
      const { work } = endless();
      a.start(work, { capabilities: {} }).subscribe();
      const sent: string[] = [];
      notifyLegacyStatus(
        b,
        'a1',
        (_method, params) => sent.push(`${String(params['status'])}:${String(params['statusMessage'])}`),
        NEVER,
      );
      timer(6).subscribe(() => b.cancel('a1').subscribe());
      helpers.flush();
      // Progress at 2, 4 and 6 (A hears the cancellation of frame 6 at 7), each heard on B a frame later.
      expect(sent).toEqual(['working:1', 'working:2', 'working:3', 'cancelled:Cancelled by the client']);
    });
  });

  it('share() refuses once a task has been started', () => {
    const runner = new TaskRunner({ store: createInMemoryTaskStore(asyncScheduler), scheduler: asyncScheduler });
    runner.start(() => NEVER, { capabilities: {} }).subscribe();
    expect(() => runner.share({ store: createInMemoryTaskStore(asyncScheduler) })).toThrow(
      /share its state before serving/,
    );
  });
});
