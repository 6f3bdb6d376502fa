/**
 * @module
 * Running requests as tasks: a task's work is a cold Observable subscribed here, detached from
 * the request that started it; what it does (progress, log messages, requests to the client,
 * its result or error) becomes the task's record in a {@link TaskStore}.
 */
import {
  catchError,
  concatMap,
  defer,
  EMPTY,
  filter,
  map,
  type Observable,
  of,
  type SchedulerLike,
  Subject,
  type Subscription,
  switchMap,
  take,
  timer,
} from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { ClientCapabilities } from '../../protocol/lifecycle.js';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import type { TaskStatus } from '../../protocol/tasks.js';
import { TaskInputs } from './task-inputs.js';
import type { TaskRecord, TaskStore } from './task-store.js';

/** Where a task's notifications go (progress and log messages become its `statusMessage`). */
export type TaskNotify = (method: string, params: Record<string, unknown> | undefined) => void;

/**
 * The work of a task: given its inputs, a notification sink and its abort signal, the result of
 * the request it runs (the last value counts).
 */
export type TaskWork = (
  inputs: TaskInputs,
  notify: TaskNotify,
  signal: () => AbortSignal,
  taskId: string,
) => Observable<Record<string, unknown>>;

/** Options of {@link TaskRunner}. */
export interface TaskRunnerOptions {
  /** Where records live. */
  readonly store: TaskStore;
  readonly scheduler: SchedulerLike;
  /** Retention of a task from its creation, in milliseconds (`null`: unlimited). @defaultValue 3 600 000 (one hour) */
  readonly ttlMs?: number | null;
  /** The polling interval suggested to clients, in milliseconds. @defaultValue 500 */
  readonly pollIntervalMs?: number;
  /** Makes a task id. @defaultValue `crypto.randomUUID()` */
  readonly newTaskId?: () => string;
}

/** What a new task needs besides its work. */
export interface TaskStart {
  /** What the client may be asked (checked by `ctx.elicit` & co.). */
  readonly capabilities: ClientCapabilities;
  /** Who may see the task (see {@link TaskRecord.owner}). */
  readonly owner?: string;
  /** Retention asked for by the client, in milliseconds (capped by the runner's own). */
  readonly ttlMs?: number;
}

interface Running {
  record: TaskRecord;
  readonly inputs: TaskInputs;
  readonly writes: Subject<TaskRecord>;
  subscription?: Subscription;
  abort?: AbortController;
}

/**
 * Starts tasks and answers for them. Records are written in order through the store; a task
 * running in this process can be updated and cancelled here, one of another process only
 * cancelled (its record is marked).
 *
 * ```
 * start(work)      --r|                  (r: the record, once stored: status working)
 * work             -----p---i---a|       (progress, an input request, the result)
 * record status    w----w---I---C        (working, input_required, completed)
 * ```
 *
 * @example
 * const runner = new TaskRunner({ store: createInMemoryTaskStore(scheduler), scheduler });
 * runner.start(() => timer(1000).pipe(map(() => ({ content: [] }))), { capabilities: {} }).subscribe((task) => task.taskId);
 */
export class TaskRunner {
  readonly #running = new Map<string, Running>();
  readonly #changes = new Subject<TaskRecord>();
  readonly #ttlMs: number | null;
  readonly #pollIntervalMs: number;

  constructor(private readonly options: TaskRunnerOptions) {
    this.#ttlMs = options.ttlMs === undefined ? 3_600_000 : options.ttlMs;
    this.#pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  /**
   * Every record this runner writes, as it writes it (status, status message, input requests,
   * the end): what status notifications are made of. Hot; records written by other processes
   * sharing the store are not seen here.
   *
   * @example
   * runner.changes$.pipe(filter((record) => record.taskId === id)).subscribe((record) => notify(record));
   */
  get changes$(): Observable<TaskRecord> {
    return this.#changes.asObservable();
  }

  /** How many tasks run in this process. */
  get runningCount(): number {
    return this.#running.size;
  }

  /** Creates a task running `work`; emits its first record once the store has it, then completes. */
  start(work: TaskWork, start: TaskStart): Observable<TaskRecord> {
    return defer(() => {
      const now = this.options.scheduler.now();
      const taskId = (this.options.newTaskId ?? (() => globalThis.crypto.randomUUID()))();
      const ttlMs =
        start.ttlMs === undefined
          ? this.#ttlMs
          : this.#ttlMs === null
            ? start.ttlMs
            : Math.min(start.ttlMs, this.#ttlMs);
      const record: TaskRecord = {
        taskId,
        status: 'working',
        createdAt: now,
        lastUpdatedAt: now,
        ttlMs,
        pollIntervalMs: this.#pollIntervalMs,
        ...(start.owner === undefined ? {} : { owner: start.owner }),
      };
      return this.options.store.create(record).pipe(
        map(() => {
          this.#run(record, work, start.capabilities);
          return record;
        }),
      );
    });
  }

  /** The record of `taskId` (`undefined` when unknown, expired or another owner's). */
  get(taskId: string, owner?: string): Observable<TaskRecord | undefined> {
    return this.options.store
      .get(taskId)
      .pipe(map((record) => (record && (record.owner === undefined || record.owner === owner) ? record : undefined)));
  }

  /** Delivers answers to a task's input requests; emits whether the task exists. */
  update(taskId: string, responses: Readonly<Record<string, unknown>>, owner?: string): Observable<boolean> {
    return this.get(taskId, owner).pipe(
      map((record) => {
        if (!record) return false;
        this.#running.get(taskId)?.inputs.answer(responses);
        return true;
      }),
    );
  }

  /**
   * Cancels a task that is not yet terminal (a terminal one is left as it is); emits its record
   * after cancellation, or `undefined` when unknown.
   */
  cancel(taskId: string, owner?: string): Observable<TaskRecord | undefined> {
    return this.get(taskId, owner).pipe(
      switchMap((record) => {
        if (!record || TERMINAL_TASK_STATUSES.has(record.status)) return of(record);
        const running = this.#running.get(taskId);
        if (running) {
          this.#settle(running, { status: 'cancelled', statusMessage: 'Cancelled by the client' });
          return of(running.record);
        }
        const cancelled = this.#next(record, { status: 'cancelled', statusMessage: 'Cancelled by the client' });
        return this.options.store.put(cancelled).pipe(
          map(() => {
            this.#changes.next(cancelled);
            return cancelled;
          }),
        );
      }),
    );
  }

  /**
   * The record of `taskId` once it is terminal (at once if it already is; `undefined` when
   * unknown). A task running elsewhere is polled at its `pollIntervalMs`, on the scheduler.
   */
  terminal(taskId: string, owner?: string): Observable<TaskRecord | undefined> {
    return this.get(taskId, owner).pipe(
      switchMap((record): Observable<TaskRecord | undefined> => {
        if (!record || TERMINAL_TASK_STATUSES.has(record.status)) return of(record);
        const running = this.#running.get(taskId);
        if (running)
          return running.writes.pipe(
            filter((next) => TERMINAL_TASK_STATUSES.has(next.status)),
            take(1),
          );
        return timer(record.pollIntervalMs ?? this.#pollIntervalMs, this.options.scheduler).pipe(
          switchMap(() => this.terminal(taskId, owner)),
        );
      }),
    );
  }

  /** The records of `owner`, a page at a time. */
  list(owner: string | undefined, cursor: string | undefined, pageSize: number) {
    return this.options.store.list(owner, cursor, pageSize);
  }

  #next(record: TaskRecord, changes: Partial<TaskRecord>): TaskRecord {
    const next: Record<string, unknown> = { ...record, ...changes, lastUpdatedAt: this.options.scheduler.now() };
    if (changes.status !== undefined && changes.status !== 'input_required') delete next['inputRequests'];
    return next as unknown as TaskRecord;
  }

  #run(record: TaskRecord, work: TaskWork, capabilities: ClientCapabilities): void {
    const writes = new Subject<TaskRecord>();
    // A write the store failed (Redis away) leaves the record stale, but neither stops later writes nor throws out of a timer.
    writes.pipe(concatMap((next) => this.options.store.put(next).pipe(catchError(() => EMPTY)))).subscribe();
    const running: Running = {
      record,
      writes,
      inputs: new TaskInputs(capabilities, () => {
        if (TERMINAL_TASK_STATUSES.has(running.record.status)) return;
        const pending = running.inputs.pending;
        const waiting = running.inputs.size > 0;
        this.#write(running, waiting ? { status: 'input_required', inputRequests: pending } : { status: 'working' });
      }),
    };
    this.#running.set(record.taskId, running);
    const notify: TaskNotify = (method, params) => {
      const message = statusMessageOf(method, params);
      if (message !== undefined && !TERMINAL_TASK_STATUSES.has(running.record.status))
        this.#write(running, { statusMessage: message });
    };
    let last: Record<string, unknown> | undefined;
    running.subscription = defer(() =>
      work(running.inputs, notify, () => (running.abort ??= new AbortController()).signal, record.taskId),
    ).subscribe({
      next: (result) => (last = result),
      error: (error: unknown) => this.#settle(running, { status: 'failed', error: McpError.toErrorObject(error) }),
      complete: () =>
        this.#settle(
          running,
          last === undefined
            ? { status: 'failed', error: { code: ErrorCode.InternalError, message: 'The task ended without a result' } }
            : { status: 'completed', result: last },
        ),
    });
  }

  #write(running: Running, changes: Partial<TaskRecord>): void {
    running.record = this.#next(running.record, changes);
    running.writes.next(running.record);
    this.#changes.next(running.record);
  }

  /** Moves a running task to a terminal status and lets it go. */
  #settle(running: Running, changes: Partial<TaskRecord> & { status: TaskStatus }): void {
    if (TERMINAL_TASK_STATUSES.has(running.record.status)) return;
    this.#write(running, changes);
    running.writes.complete();
    this.#running.delete(running.record.taskId);
    running.subscription?.unsubscribe();
    if (changes.status === 'cancelled') running.abort?.abort(new McpError('closed', 'The task was cancelled'));
  }
}

/** What a notification of the work says about its progress, if anything. */
function statusMessageOf(method: string, params: Record<string, unknown> | undefined): string | undefined {
  if (method === 'notifications/progress') {
    if (typeof params?.['message'] === 'string') return params['message'];
    const total = params?.['total'];
    return total === undefined ? `${String(params?.['progress'])}` : `${String(params?.['progress'])}/${String(total)}`;
  }
  if (method === 'notifications/message') {
    const data = params?.['data'];
    return typeof data === 'string' ? data : JSON.stringify(data);
  }
  return undefined;
}
