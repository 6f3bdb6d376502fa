/**
 * @module
 * The 2025-11-25 experimental form of tasks (SEP-1686) from the client's side: `tasks/get` polls,
 * `notifications/tasks/status` shortens them, `tasks/result` fetches the result (asked early when
 * the task needs input: that is where the server sends its requests, with related-task `_meta`,
 * for the client's handlers to answer) and `tasks/cancel` stops the task.
 */
import { defer, EMPTY, filter, map, type Observable, switchMap, throwError } from 'rxjs';
import { GetTaskResultSchema, TaskStatusNotificationParamsSchema, type Task } from '../../protocol/tasks.js';
import type { CallToolResult } from '../../protocol/tools.js';
import type { Connection } from '../connection.js';
import { parseResult } from '../parse-result.js';
import { taskEndedError, type TaskWire } from './follow-task.js';
import { fromLegacyTask } from './task-state.js';

/**
 * The wire of a 2025 session; `check` validates a raw `tools/call` result.
 *
 * @example
 * followTask(legacyTaskWire(connection, check), fromLegacyTask(created.task), scheduler)
 */
export function legacyTaskWire(
  connection: Pick<Connection, 'session'>,
  check: (raw: unknown) => Observable<CallToolResult>,
): TaskWire {
  const { session } = connection;
  const asked = new Set<string>();
  // One `tasks/result` per task, held until it answers (it waits for the task's end): the first
  // state that needs it asks, later ones leave it running.
  const result$ = (taskId: string): Observable<CallToolResult> => {
    if (asked.has(taskId)) return EMPTY;
    asked.add(taskId);
    return session.request<unknown>('tasks/result', { taskId }, { timeout: Infinity }).pipe(switchMap(check));
  };
  return {
    get: (taskId) =>
      session
        .request<unknown>('tasks/get', { taskId })
        .pipe(map((task) => fromLegacyTask(parseResult(GetTaskResultSchema, task, 'tasks/get') as Task))),
    pushed$: (taskId) =>
      session.notifications$.pipe(
        filter((message) => message.method === 'notifications/tasks/status' && message.params?.['taskId'] === taskId),
        map((message) => TaskStatusNotificationParamsSchema.safeParse(message.params)),
        filter((parsed) => parsed.success),
        map((parsed) => fromLegacyTask(parsed.data as Task)),
      ),
    react: ({ state }) =>
      defer(() => {
        if (state.status === 'cancelled') return throwError(() => taskEndedError(state));
        return state.status === 'working' ? EMPTY : result$(state.taskId);
      }),
    cancel: (taskId) => session.request('tasks/cancel', { taskId }).subscribe({ error: () => undefined }),
  };
}
