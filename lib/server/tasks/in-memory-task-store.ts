/**
 * @module
 * The default {@link TaskStore}: a Map in this process, expiring records by the scheduler's clock.
 */
import { defer, of, type SchedulerLike } from 'rxjs';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import { taskPage, type TaskRecord, type TaskStore } from './task-store.js';

/**
 * A task store in memory. An expired record is never returned; expired records are dropped when
 * read and, oldest first, whenever a task is created (no timers).
 *
 * @example
 * const store = createInMemoryTaskStore(asyncScheduler);
 */
export function createInMemoryTaskStore(scheduler: SchedulerLike): TaskStore {
  const records = new Map<string, TaskRecord>();
  const expired = (record: TaskRecord) => record.ttlMs !== null && scheduler.now() >= record.createdAt + record.ttlMs;
  const live = (taskId: string): TaskRecord | undefined => {
    const record = records.get(taskId);
    if (record && expired(record)) {
      records.delete(taskId);
      return undefined;
    }
    return record;
  };
  const sweep = () => {
    for (const record of records.values()) {
      if (!expired(record)) break;
      records.delete(record.taskId);
    }
  };
  return {
    create: (record) =>
      defer(() => {
        sweep();
        records.set(record.taskId, record);
        return of(undefined);
      }),
    get: (taskId) => defer(() => of(live(taskId))),
    put: (record) =>
      defer(() => {
        const current = live(record.taskId);
        if (current && !TERMINAL_TASK_STATUSES.has(current.status)) records.set(record.taskId, record);
        return of(undefined);
      }),
    list: (owner, cursor, pageSize) =>
      defer(() => of(taskPage([...records.keys()].map(live), owner, cursor, pageSize))),
  };
}
