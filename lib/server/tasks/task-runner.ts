/**
 * @module
 * Running requests as tasks: a task's work is a cold Observable subscribed here, detached from
 * the request that started it; what it does (progress, log messages, requests to the client,
 * its result or error) becomes the task's record in a {@link TaskStore}.
 */
import {
  defer,
  EMPTY,
  filter,
  map,
  merge,
  type Observable,
  of,
  repeat,
  type SchedulerLike,
  Subject,
  type Subscription,
  switchMap,
  take,
  timeout,
  timer,
} from 'rxjs';
import type { ClientCapabilities } from '../../protocol/lifecycle.js';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import { nextRecord, RunningTask, type TaskWork } from './running-task.js';
import type { SharedTasks, TaskBus, TaskSignal } from './task-bus.js';
import type { TaskRecord, TaskStore } from './task-store.js';

export type { TaskNotify, TaskWork } from './running-task.js';

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
  /**
   * With a bus: how long a cancellation of a task running in another process waits for that
   * process to end it, in milliseconds, before marking the record cancelled itself (the
   * process is presumed gone). @defaultValue 5 000
   */
  readonly cancelWaitMs?: number;
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

/**
 * Starts tasks and answers for them. Records are written in order through the store. Without a
 * bus a task of another process sharing the store can only be marked cancelled; with one
 * ({@link TaskRunner.share}), updates and cancellations reach the process running the task, and
 * every process hears every record written (status notifications anywhere).
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
  readonly #running = new Map<string, RunningTask>();
  readonly #changes = new Subject<TaskRecord>();
  readonly #ttlMs: number | null;
  readonly #pollIntervalMs: number;
  #store: TaskStore;
  #bus: TaskBus | undefined;
  #remote: Subscription | undefined;
  #started = false;

  constructor(private readonly options: TaskRunnerOptions) {
    this.#ttlMs = options.ttlMs === undefined ? 3_600_000 : options.ttlMs;
    this.#pollIntervalMs = options.pollIntervalMs ?? 500;
    this.#store = options.store;
  }

  /**
   * Moves this runner onto state shared with other processes: `store` replaces its store, `bus`
   * links it to the runners of the other processes. Only before its first task (a task started
   * here would be lost or run on unheard): throws otherwise.
   *
   * @example
   * runner.share({ store: createRedisTaskStore(redis, asyncScheduler), bus: createRedisTaskBus(redis) });
   */
  share(shared: SharedTasks): void {
    if (this.#started) throw new Error('Tasks have been started on this server: share its state before serving');
    if (shared.store) this.#store = shared.store;
    if (!shared.bus) return;
    this.#remote?.unsubscribe();
    this.#bus = shared.bus;
    this.#remote = shared.bus.remote$.subscribe((signal) => this.#heard(signal));
  }

  /**
   * Every record this runner writes, as it writes it (status, status message, input requests,
   * the end): what status notifications are made of. Hot; with a bus, the records written by
   * the runners of other processes too.
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
      this.#started = true;
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
      return this.#store.create(record).pipe(
        map(() => {
          this.#run(record, work, start.capabilities);
          return record;
        }),
      );
    });
  }

  /** The record of `taskId` (`undefined` when unknown, expired or another owner's). */
  get(taskId: string, owner?: string): Observable<TaskRecord | undefined> {
    return this.#store
      .get(taskId)
      .pipe(map((record) => (record && (record.owner === undefined || record.owner === owner) ? record : undefined)));
  }

  /** Delivers answers to a task's input requests; emits whether the task exists. */
  update(taskId: string, responses: Readonly<Record<string, unknown>>, owner?: string): Observable<boolean> {
    return this.get(taskId, owner).pipe(
      map((record) => {
        if (!record) return false;
        const running = this.#running.get(taskId);
        if (running) running.inputs.answer(responses);
        else this.#bus?.publish({ type: 'update', taskId, responses });
        return true;
      }),
    );
  }

  /**
   * Cancels a task that is not yet terminal (a terminal one is left as it is); emits its record
   * after cancellation, or `undefined` when unknown. A task of another process is stopped there
   * (through the bus) and its record is the one that process writes: `cancelled`, or whatever
   * it ended with first; the record is marked here only when no process ends it within
   * `cancelWaitMs`, or at once without a bus.
   */
  cancel(taskId: string, owner?: string): Observable<TaskRecord | undefined> {
    return this.get(taskId, owner).pipe(
      switchMap((record) => {
        if (!record || TERMINAL_TASK_STATUSES.has(record.status)) return of(record);
        const running = this.#running.get(taskId);
        if (running) {
          running.settle({ status: 'cancelled', statusMessage: 'Cancelled by the client' });
          return of(running.record);
        }
        const bus = this.#bus;
        if (!bus) return this.#mark(record);
        return merge(
          this.#ended(taskId, owner, record.pollIntervalMs),
          defer(() => {
            bus.publish({ type: 'cancel', taskId });
            return EMPTY;
          }),
        ).pipe(
          take(1),
          timeout({
            first: this.options.cancelWaitMs ?? 5_000,
            scheduler: this.options.scheduler,
            with: () =>
              this.get(taskId, owner).pipe(
                switchMap((now) => (!now || TERMINAL_TASK_STATUSES.has(now.status) ? of(now) : this.#mark(now))),
              ),
          }),
        );
      }),
    );
  }

  /** Marks the record of a task no process runs cancelled. */
  #mark(record: TaskRecord): Observable<TaskRecord> {
    const cancelled = nextRecord(
      record,
      { status: 'cancelled', statusMessage: 'Cancelled by the client' },
      this.options.scheduler.now(),
    );
    return this.#store.put(cancelled).pipe(
      map(() => {
        this.#changes.next(cancelled);
        this.#bus?.publish({ type: 'changed', record: cancelled });
        return cancelled;
      }),
    );
  }

  /**
   * The record of a task of another process once terminal (or `undefined` once gone): the first
   * terminal record heard on the bus, or found by polling the store every `pollIntervalMs`.
   */
  #ended(taskId: string, owner: string | undefined, pollIntervalMs?: number): Observable<TaskRecord | undefined> {
    const heard = this.#changes.pipe(
      filter((next) => next.taskId === taskId && TERMINAL_TASK_STATUSES.has(next.status)),
    );
    const polled = defer(() => this.get(taskId, owner)).pipe(
      repeat({ delay: () => timer(pollIntervalMs ?? this.#pollIntervalMs, this.options.scheduler) }),
      filter((next) => !next || TERMINAL_TASK_STATUSES.has(next.status)),
    );
    return merge(heard, polled).pipe(take(1));
  }

  /** A signal of another process: a record it wrote, or a request for a task running here. */
  #heard(signal: TaskSignal): void {
    if (signal.type === 'changed') {
      const running = this.#running.get(signal.record.taskId);
      // A terminal record of a task running here: another process marked it (a missed cancellation).
      if (running && TERMINAL_TASK_STATUSES.has(signal.record.status)) running.endedElsewhere(signal.record);
      if (!running || running.ended) this.#changes.next(signal.record);
      return;
    }
    const running = this.#running.get(signal.taskId);
    if (!running) return;
    if (signal.type === 'update') running.inputs.answer(signal.responses);
    else running.settle({ status: 'cancelled', statusMessage: 'Cancelled by the client' });
  }

  /**
   * The record of `taskId` once it is terminal (at once if it already is; `undefined` when
   * unknown). A task running elsewhere is polled at its `pollIntervalMs`, on the scheduler (and
   * its end heard at once on the bus).
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
        return this.#ended(taskId, owner, record.pollIntervalMs);
      }),
    );
  }

  /** The records of `owner`, a page at a time. */
  list(owner: string | undefined, cursor: string | undefined, pageSize: number) {
    return this.#store.list(owner, cursor, pageSize);
  }

  #run(record: TaskRecord, work: TaskWork, capabilities: ClientCapabilities): void {
    const running = new RunningTask(record, work, capabilities, {
      store: this.#store,
      now: () => this.options.scheduler.now(),
      changed: (next) => this.#changes.next(next),
      // Published once stored: a process hearing a record finds it in the store.
      stored: (next) => this.#bus?.publish({ type: 'changed', record: next }),
      settled: (last) => this.#running.delete(last.taskId),
    });
    if (!running.ended) this.#running.set(record.taskId, running);
  }
}
