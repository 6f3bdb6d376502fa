/**
 * @module
 * Where tasks live: a pluggable store of task records. Every operation returns an Observable, so
 * a store may be remote (Redis, a database) as easily as in memory; the server only reports a task
 * created after {@link TaskStore.create} has completed (a `tasks/get` right after resolves).
 */
import type { Observable } from 'rxjs';
import type { TaskStatus } from '../../protocol/tasks.js';
import type { InputRequest } from '../../protocol/modern.js';

/** One task, as stored. Times are scheduler milliseconds. */
export interface TaskRecord {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly statusMessage?: string;
  readonly createdAt: number;
  readonly lastUpdatedAt: number;
  /** Retention from creation in milliseconds; `null` keeps the task until the store is cleared. */
  readonly ttlMs: number | null;
  readonly pollIntervalMs?: number;
  /** The result of the request the task ran, once `completed`. */
  readonly result?: Record<string, unknown>;
  /** The JSON-RPC error of the request, once `failed`. */
  readonly error?: { code: number; message: string; data?: unknown };
  /** Requests to the client the task waits on, by key (status `input_required`). */
  readonly inputRequests?: Readonly<Record<string, InputRequest>>;
  /** Who may see the task (e.g. the session id on 2025 sessions); `undefined` is anyone. */
  readonly owner?: string;
}

/** A page of tasks. */
export interface TaskPage {
  readonly tasks: readonly TaskRecord[];
  readonly nextCursor?: string;
}

/**
 * The page of `records` (in store order) `owner` may see, starting at the task named by `cursor`
 * (the first when absent or unknown); what every store's `list` answers.
 *
 * @example
 * taskPage([a, b, c], undefined, undefined, 2) // { tasks: [a, b], nextCursor: c.taskId }
 */
export function taskPage(
  records: readonly (TaskRecord | undefined)[],
  owner: string | undefined,
  cursor: string | undefined,
  pageSize: number,
): TaskPage {
  const all = records.filter(
    (record): record is TaskRecord => record !== undefined && (owner === undefined || record.owner === owner),
  );
  const start =
    cursor === undefined
      ? 0
      : Math.max(
          0,
          all.findIndex((record) => record.taskId === cursor),
        );
  const tasks = all.slice(start, start + pageSize);
  const next = all[start + pageSize];
  return next === undefined ? { tasks } : { tasks, nextCursor: next.taskId };
}

/**
 * A task store. Implementations drop a record once `createdAt + ttlMs` has passed (lazily is
 * enough: an expired record is never returned).
 *
 * @example
 * const store: TaskStore = createInMemoryTaskStore(asyncScheduler);
 * store.create(record).pipe(switchMap(() => store.get(record.taskId))).subscribe(console.log);
 */
export interface TaskStore {
  /** Stores a new record; completes once a `get` would find it. */
  create(record: TaskRecord): Observable<void>;
  /** The record of `taskId`, or `undefined` when unknown or expired. */
  get(taskId: string): Observable<TaskRecord | undefined>;
  /**
   * Replaces the record of `taskId` with `record`, if it still exists and is not terminal (a
   * task ends once: the first terminal record written stays, even when processes race).
   */
  put(record: TaskRecord): Observable<void>;
  /** The records of `owner` (all when `undefined`), oldest first, a page at a time. */
  list(owner: string | undefined, cursor: string | undefined, pageSize: number): Observable<TaskPage>;
}
