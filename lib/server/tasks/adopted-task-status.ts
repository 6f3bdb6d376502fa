/**
 * @module
 * The status notifications of a 2025 session's tasks, wherever the session is served: the
 * session's sink, and what a process that takes a session over (`restore`) does so that the
 * session hears its earlier tasks again (their records change on the process running them; the
 * runner's change feed carries them here when the store is shared).
 */
import { EMPTY, expand, mergeMap, type Observable, from, Subscription, takeUntil } from 'rxjs';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import { notifySafely, type SessionState } from '../session-state.js';
import type { LegacyStatusSink } from './legacy-tasks.js';
import { taskOwnerOf } from './legacy-tasks.js';
import type { TaskRunner } from './task-runner.js';
import { notifyLegacyStatus } from './task-status-notifications.js';
import type { TaskRecord } from './task-store.js';

/**
 * Where the status notifications of `state`'s tasks go: the session, outside any request (on
 * Streamable HTTP, its standalone GET stream), until it closes.
 *
 * @example
 * startLegacyTask(runner, taskOwnerOf(state), ctx, task, run, legacyStatusSink(state));
 */
export function legacyStatusSink(state: SessionState): LegacyStatusSink {
  return {
    notify: (method, params) => notifySafely(state, method, params),
    closed$: state.session.closed$,
  };
}

/**
 * Every record of `owner`, all pages, one at a time.
 */
function allTasksOf(runner: TaskRunner, owner: string, pageSize: number): Observable<TaskRecord> {
  return runner.list(owner, undefined, pageSize).pipe(
    expand((page) => (page.nextCursor === undefined ? EMPTY : runner.list(owner, page.nextCursor, pageSize))),
    mergeMap((page) => from(page.tasks)),
  );
}

/**
 * For a session taken over from another process: sends `notifications/tasks/status` for each
 * later change of each of its tasks that had not ended, as the process that created them did.
 *
 * @example
 * sessions.connect(transport, options, { restore }, (state) => resumeLegacyTaskStatus(runner, state, 100));
 */
export function resumeLegacyTaskStatus(runner: TaskRunner, state: SessionState, pageSize: number): Subscription {
  const sink = legacyStatusSink(state);
  const watching = new Subscription();
  watching.add(
    allTasksOf(runner, taskOwnerOf(state), pageSize)
      .pipe(takeUntil(sink.closed$))
      .subscribe({
        next: (record) => {
          if (!TERMINAL_TASK_STATUSES.has(record.status))
            watching.add(notifyLegacyStatus(runner, record.taskId, sink.notify, sink.closed$));
        },
        error: () => undefined, // the store failed: the session still serves, its client polls
      }),
  );
  return watching;
}
