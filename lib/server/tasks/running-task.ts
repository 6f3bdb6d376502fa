/**
 * @module
 * One task running in this process: its work subscribed, what the work does written as its
 * record (in order, through the store), until it settles in a terminal status.
 */
import { catchError, concatMap, defer, EMPTY, finalize, type Observable, Subject, type Subscription } from 'rxjs';
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

/** What a {@link RunningTask} writes through and tells. */
export interface RunningTaskHost {
  readonly store: TaskStore;
  /** The time of a write (scheduler milliseconds). */
  now(): number;
  /** Told of every record written, at once. */
  changed(record: TaskRecord): void;
  /** Told of every record once the store has it (or failed to take it), in order. */
  stored(record: TaskRecord): void;
  /** Told once, when the task settles. */
  settled(record: TaskRecord): void;
}

/**
 * `record` with `changes`, updated now (input requests leave with any status but `input_required`).
 *
 * @example
 * nextRecord(record, { status: 'cancelled' }, scheduler.now());
 */
export function nextRecord(record: TaskRecord, changes: Partial<TaskRecord>, now: number): TaskRecord {
  const next: Record<string, unknown> = { ...record, ...changes, lastUpdatedAt: now };
  if (changes.status !== undefined && changes.status !== 'input_required') delete next['inputRequests'];
  return next as unknown as TaskRecord;
}

/**
 * A task's work, running: started by the constructor; settles with its result, its error, or
 * {@link RunningTask.settle} (cancellation unsubscribes the work and aborts its signal).
 *
 * @example
 * const task = new RunningTask(record, work, {}, host);
 * task.settle({ status: 'cancelled', statusMessage: 'Cancelled by the client' });
 */
export class RunningTask {
  readonly inputs: TaskInputs;
  /** Every record written, completing when the task settles. */
  readonly writes = new Subject<TaskRecord>();
  #subscription: Subscription | undefined;
  #abort: AbortController | undefined;

  constructor(
    public record: TaskRecord,
    work: TaskWork,
    capabilities: ClientCapabilities,
    private readonly host: RunningTaskHost,
  ) {
    // A write the store failed (Redis away) leaves the record stale, but neither stops later writes nor throws out of a timer.
    this.writes
      .pipe(
        concatMap((next) =>
          host.store.put(next).pipe(
            catchError(() => EMPTY),
            finalize(() => host.stored(next)),
          ),
        ),
      )
      .subscribe();
    this.inputs = new TaskInputs(capabilities, () => {
      if (this.ended) return;
      const waiting = this.inputs.size > 0;
      this.write(waiting ? { status: 'input_required', inputRequests: this.inputs.pending } : { status: 'working' });
    });
    const notify: TaskNotify = (method, params) => {
      const message = statusMessageOf(method, params);
      if (message !== undefined && !this.ended) this.write({ statusMessage: message });
    };
    let last: Record<string, unknown> | undefined;
    const subscription = defer(() =>
      work(this.inputs, notify, () => (this.#abort ??= new AbortController()).signal, record.taskId),
    ).subscribe({
      next: (result) => (last = result),
      error: (error: unknown) => this.settle({ status: 'failed', error: McpError.toErrorObject(error) }),
      complete: () =>
        this.settle(
          last === undefined
            ? { status: 'failed', error: { code: ErrorCode.InternalError, message: 'The task ended without a result' } }
            : { status: 'completed', result: last },
        ),
    });
    if (this.ended) subscription.unsubscribe();
    else this.#subscription = subscription;
  }

  /** Whether the task is terminal. */
  get ended(): boolean {
    return TERMINAL_TASK_STATUSES.has(this.record.status);
  }

  /** Writes `changes` into the record. */
  write(changes: Partial<TaskRecord>): void {
    this.record = nextRecord(this.record, changes, this.host.now());
    this.writes.next(this.record);
    this.host.changed(this.record);
  }

  /** Moves the task to a terminal status (once; later calls do nothing) and lets its work go. */
  settle(changes: Partial<TaskRecord> & { status: TaskStatus }): void {
    if (this.ended) return;
    this.write(changes);
    this.#stop();
  }

  /** Ends the task with the terminal `record` another process wrote (nothing is written here). */
  endedElsewhere(record: TaskRecord): void {
    if (this.ended) return;
    this.record = record;
    this.#stop();
  }

  #stop(): void {
    this.writes.complete();
    this.host.settled(this.record);
    this.#subscription?.unsubscribe();
    if (this.record.status === 'cancelled') this.#abort?.abort(new McpError('closed', 'The task was cancelled'));
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
