/**
 * @module
 * Following a task to its end, whichever era: each state the server reports (a poll, or a status
 * notification) is emitted when it changes and starts the wait for the next poll afresh, so
 * notifications shorten polling and polling covers a server that sends none; what each state asks
 * for (answering input requests, fetching the result) is the era's {@link TaskWire}.
 */
import { catchError, EMPTY, Observable, type SchedulerLike, type Subscription, switchMap, timer } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import type { CallToolResult } from '../../protocol/tools.js';
import type { ReportedTask, TaskState, ToolTaskEvent } from './task-state.js';

/** How one era asks about a task. */
export interface TaskWire {
  /** Polls the task (`tasks/get`). */
  get(taskId: string): Observable<ReportedTask>;
  /** The task's status notifications, while subscribed (listening for them if need be). */
  pushed$(taskId: string): Observable<ReportedTask>;
  /**
   * What a reported state leads to: the tool's result (a terminal or input-waiting state), an
   * error (failed, cancelled), or nothing more (input answered, still working).
   */
  react(reported: ReportedTask): Observable<CallToolResult>;
  /** Tells the server the task is no longer wanted (fire and forget). */
  cancel(taskId: string): void;
}

/** How often to poll a task that suggests no interval, in milliseconds. */
export const DEFAULT_TASK_POLL_INTERVAL_MS = 1_000;

/**
 * The events of a task from `first` on: its states as they change, then its result. An error
 * when the task fails, is cancelled or is no longer known (expired). Unsubscribing before the
 * end (or an error on this side) cancels the task.
 *
 * ```
 * polls (every pollIntervalMs)  ---w-----i---------   (w: working, i: input_required)
 * notifications                 -----------w--c      (c: completed; a poll is not needed)
 * events                        w------i---w--(cr|)  (r: the result)
 * ```
 *
 * @example
 * followTask(legacyTaskWire(connection, check), fromLegacyTask(created.task), asyncScheduler).subscribe(show);
 */
export function followTask(
  wire: TaskWire,
  first: ReportedTask,
  scheduler: SchedulerLike,
  pollIntervalMs = DEFAULT_TASK_POLL_INTERVAL_MS,
): Observable<ToolTaskEvent> {
  return new Observable<ToolTaskEvent>((subscriber) => {
    const { taskId } = first.state;
    let last: TaskState | undefined;
    let ended = false;
    let answered = false;
    let poll: Subscription | undefined;
    const end = (result: CallToolResult) => {
      if (ended) return;
      ended = answered = true;
      poll?.unsubscribe();
      // The result may come before a terminal state was seen (a 2025 `tasks/result`): ask once.
      const settled =
        last && TERMINAL_TASK_STATUSES.has(last.status) ? EMPTY : wire.get(taskId).pipe(catchError(() => EMPTY));
      subscriber.add(
        settled.subscribe({
          next: ({ state }) => TERMINAL_TASK_STATUSES.has(state.status) && emitStatus(state),
          complete: () => {
            subscriber.next({ type: 'result', result });
            subscriber.complete();
          },
        }),
      );
    };
    const fail = (error: unknown) => {
      ended = true;
      subscriber.error(error);
    };
    const emitStatus = (state: TaskState) => {
      const changed = !last || last.status !== state.status || last.statusMessage !== state.statusMessage;
      last = state;
      if (changed) subscriber.next({ type: 'status', task: state });
    };
    const see = (reported: ReportedTask) => {
      const { state } = reported;
      // A terminal state is final, and an answer older than the last one seen is stale.
      if (
        ended ||
        (last &&
          (TERMINAL_TASK_STATUSES.has(last.status) || Date.parse(state.lastUpdatedAt) < Date.parse(last.lastUpdatedAt)))
      )
        return;
      emitStatus(state);
      poll?.unsubscribe();
      if (!TERMINAL_TASK_STATUSES.has(state.status)) {
        poll = timer(state.pollIntervalMs ?? pollIntervalMs, scheduler)
          .pipe(switchMap(() => wire.get(taskId)))
          .subscribe({ next: see, error: fail });
      }
      subscriber.add(wire.react(reported).subscribe({ next: end, error: fail }));
    };
    subscriber.add(wire.pushed$(taskId).subscribe({ next: see, error: fail }));
    see(first);
    return () => {
      poll?.unsubscribe();
      // Unsubscribed, or failed on this side (an input the client could not give): cancel.
      if (!answered && !(last && TERMINAL_TASK_STATUSES.has(last.status))) wire.cancel(taskId);
    };
  });
}

/**
 * The error of a task that ended without a result.
 *
 * @example
 * throw taskEndedError(state); // kind 'closed', data { taskId, status: 'cancelled' }
 */
export function taskEndedError(state: TaskState): McpError {
  return new McpError('closed', `Task ${state.taskId} was ${state.status}`, {
    data: { taskId: state.taskId, status: state.status },
  });
}
