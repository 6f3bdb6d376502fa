/**
 * @module
 * The tasks extension of 2026-07-28 (SEP-2663) from the client's side: every task request
 * declares the extension in its `_meta`; `tasks/get` polls (its answer inlines the result or the
 * error), `notifications/tasks` on the listen stream (`notifications.taskIds`) shortens them, an
 * `input_required` task's `inputRequests` are answered once each by the client's handlers and sent
 * with `tasks/update`, and `tasks/cancel` stops the task.
 */
import { defer, EMPTY, filter, from, map, mergeMap, type Observable, merge, throwError, toArray } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import { MetaKey } from '../../protocol/modern.js';
import {
  DetailedTaskSchema,
  type DetailedTask,
  TASKS_EXTENSION,
  withExtension,
} from '../../protocol/tasks-extension.js';
import type { CallToolResult } from '../../protocol/tools.js';
import type { Connection } from '../connection.js';
import { parseResult } from '../parse-result.js';
import { taskEndedError, type TaskWire } from './follow-task.js';
import { fromExtensionTask } from './task-state.js';

/**
 * `params` with `_meta` declaring the tasks extension on top of the connection's capabilities.
 *
 * @example
 * session.request('tasks/get', withTasksDeclared(connection, { taskId }))
 */
export function withTasksDeclared(
  connection: Pick<Connection, 'envelope'>,
  params: Record<string, unknown>,
): Record<string, unknown> {
  const meta = {
    ...(params['_meta'] as object | undefined),
    [MetaKey.clientCapabilities]: withExtension(connection.envelope.capabilities, TASKS_EXTENSION),
  };
  return { ...params, _meta: meta };
}

/**
 * The wire of a modern connection; `check` validates a raw `tools/call` result.
 *
 * @example
 * followTask(modernTaskWire(connection, check), fromExtensionTask(created), scheduler)
 */
export function modernTaskWire(
  connection: Pick<Connection, 'session' | 'envelope' | 'listens' | 'answer'>,
  check: (raw: unknown) => Observable<CallToolResult>,
): TaskWire {
  const { session } = connection;
  /** Input request keys already answered (or being answered), per task: each is asked once. */
  const asked = new Map<string, Set<string>>();
  const send = (method: string, params: Record<string, unknown>) =>
    session.request<unknown>(method, withTasksDeclared(connection, params));
  return {
    get: (taskId) =>
      send('tasks/get', { taskId }).pipe(
        map((task) => fromExtensionTask(parseResult(DetailedTaskSchema, task, 'tasks/get') as DetailedTask)),
      ),
    pushed$: (taskId) =>
      merge(
        connection.listens?.want({ taskIds: [taskId] }) ?? EMPTY,
        session.notifications$.pipe(
          filter((message) => message.method === 'notifications/tasks' && message.params?.['taskId'] === taskId),
          map((message) => DetailedTaskSchema.safeParse(message.params)),
          filter((parsed) => parsed.success),
          map((parsed) => fromExtensionTask(parsed.data as DetailedTask)),
        ),
      ),
    react: ({ state, result, error }) =>
      defer((): Observable<CallToolResult> => {
        switch (state.status) {
          case 'completed':
            return check(result);
          case 'failed':
            return throwError(() =>
              McpError.protocol(error?.code ?? -32603, error?.message ?? `Task ${state.taskId} failed`, error?.data),
            );
          case 'cancelled':
            return throwError(() => taskEndedError(state));
          case 'input_required': {
            const seen = asked.get(state.taskId) ?? new Set<string>();
            asked.set(state.taskId, seen);
            const fresh = Object.entries(state.inputRequests ?? {}).filter(([key]) => !seen.has(key));
            if (fresh.length === 0) return EMPTY;
            for (const [key] of fresh) seen.add(key);
            // One user question at a time, then one tasks/update with every answer.
            return from(fresh).pipe(
              mergeMap(
                ([key, request]) => connection.answer(request, key).pipe(map((response) => [key, response] as const)),
                1,
              ),
              toArray(),
              mergeMap((answers) =>
                send('tasks/update', { taskId: state.taskId, inputResponses: Object.fromEntries(answers) }),
              ),
              mergeMap(() => EMPTY),
            );
          }
          default:
            return EMPTY;
        }
      }),
    cancel: (taskId) => send('tasks/cancel', { taskId }).subscribe({ error: () => undefined }),
  };
}
