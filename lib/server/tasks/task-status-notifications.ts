/**
 * @module
 * Task status notifications: what a server pushes when one of its tasks changes, so clients
 * need not wait for their next poll. On a 2025 session, `notifications/tasks/status` (the full
 * experimental `Task`) goes to the session that created the task; on 2026-07-28, the changes
 * are events of the listen streams, sent as `notifications/tasks` (the `DetailedTask`) to the
 * streams that asked for the task's id (`subscriptions/listen` with `notifications.taskIds`).
 */
import { distinctUntilChanged, filter, map, type Observable, type Subscription, takeUntil, takeWhile } from 'rxjs';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import type { ListenEvent } from '../modern/listen-stream.js';
import type { TaskRunner } from './task-runner.js';
import { detailedTask, legacyTask } from './task-wire.js';

/** Sends one notification (a session's `notify`). */
export type NotifyStatus = (method: 'notifications/tasks/status', params: Record<string, unknown>) => void;

/**
 * Sends `notifications/tasks/status` for each change of `taskId` (status or status message)
 * until it is terminal or `closed$` emits (the session ended).
 *
 * ```
 * changes$   --w(p)--i--w--c--
 * notify     --w-----i--w--c|    (the terminal one is the last)
 * ```
 *
 * @example
 * notifyLegacyStatus(runner, record.taskId, (method, params) => session.notify(method, params), session.closed$);
 */
export function notifyLegacyStatus(
  runner: TaskRunner,
  taskId: string,
  notify: NotifyStatus,
  closed$: Observable<unknown>,
): Subscription {
  return runner.changes$
    .pipe(
      filter((record) => record.taskId === taskId),
      distinctUntilChanged((a, b) => a.status === b.status && a.statusMessage === b.statusMessage),
      takeWhile((record) => !TERMINAL_TASK_STATUSES.has(record.status), true),
      takeUntil(closed$),
    )
    .subscribe((record) => notify('notifications/tasks/status', { ...legacyTask(record) }));
}

/**
 * The runner's task changes as listen-stream events (each carrying the `DetailedTask`).
 *
 * @example
 * merge(bus.events$, taskStatusEvents(runner)) // what a listen stream sends from
 */
export function taskStatusEvents(runner: TaskRunner): Observable<ListenEvent> {
  return runner.changes$.pipe(map((record): ListenEvent => ({ type: 'task_status', task: detailedTask(record) })));
}
