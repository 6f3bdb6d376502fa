/**
 * @module
 * A tool call run as a task, as one cold Observable of {@link ToolTaskEvent}s (see
 * `McpClient.callTool` with `task`, and `McpClient.task$`): on a 2026-07-28 connection the tasks
 * extension (SEP-2663), on a 2025 session the experimental tasks of 2025-11-25 (SEP-1686). A
 * server that runs the call at once answers with the result, the only event.
 */
import { map, type Observable, type SchedulerLike, switchMap } from 'rxjs';
import { CreateTaskResultSchema, type CreateTaskResult } from '../../protocol/tasks.js';
import { DetailedTaskSchema, type DetailedTask } from '../../protocol/tasks-extension.js';
import type { CallToolResult } from '../../protocol/tools.js';
import type { CallToolParams } from '../call-tool.js';
import type { Connection } from '../connection.js';
import { parseResult } from '../parse-result.js';
import { followTask, type TaskWire } from './follow-task.js';
import { legacyTaskWire } from './legacy-task-wire.js';
import { modernTaskWire, withTasksDeclared } from './modern-task-wire.js';
import { fromExtensionTask, fromLegacyTask, type ReportedTask, type ToolTaskEvent } from './task-state.js';

/** How a tool call runs as a task (the `task` option of `McpClient.callTool`). */
export interface TaskCallOptions {
  /**
   * Retention asked of the server, in milliseconds (2025-11-25 only: on 2026-07-28 the server
   * decides). @defaultValue the server's choice
   */
  readonly ttl?: number;
  /** Polling interval when the server suggests none, in milliseconds. @defaultValue 1000 */
  readonly pollInterval?: number;
}

/** Validates a raw `tools/call` result (protocol schema, then the tool's `outputSchema`). */
export type CheckToolResult = (raw: unknown) => Observable<CallToolResult>;

type TaskConnection = Pick<Connection, 'era' | 'session' | 'calls' | 'envelope' | 'listens' | 'answer'>;

const wireOf = (connection: TaskConnection, check: CheckToolResult): TaskWire =>
  connection.era === 'modern' ? modernTaskWire(connection, check) : legacyTaskWire(connection, check);

/**
 * Sends `tools/call` asking for a task and follows it; see the module.
 *
 * @example
 * callToolTask(connection, { name: 'build' }, { ttl: 60_000 }, check, scheduler).subscribe(show);
 */
export function callToolTask(
  connection: TaskConnection,
  params: CallToolParams,
  task: TaskCallOptions,
  check: CheckToolResult,
  scheduler: SchedulerLike,
): Observable<ToolTaskEvent> {
  const wire = wireOf(connection, check);
  const follow = (first: ReportedTask) => followTask(wire, first, scheduler, task.pollInterval);
  if (connection.era === 'modern') {
    // Input asked for before the task exists is an MRTR round (`calls` runs it); the task's own is tasks/update.
    return connection.calls.request<unknown>('tools/call', withTasksDeclared(connection, { ...params })).pipe(
      switchMap((answer): Observable<ToolTaskEvent> => {
        if ((answer as { resultType?: unknown }).resultType !== 'task')
          return check(answer).pipe(map((result) => ({ type: 'result', result })));
        return follow(fromExtensionTask(parseResult(DetailedTaskSchema, answer, 'tools/call') as DetailedTask));
      }),
    );
  }
  const asTask = { ...params, task: task.ttl === undefined ? {} : { ttl: task.ttl } };
  return connection.session.request<unknown>('tools/call', asTask as Record<string, unknown>).pipe(
    switchMap((answer): Observable<ToolTaskEvent> => {
      if (typeof answer !== 'object' || answer === null || !('task' in answer))
        return check(answer).pipe(map((result) => ({ type: 'result', result })));
      return follow(
        fromLegacyTask((parseResult(CreateTaskResultSchema, answer, 'tools/call') as CreateTaskResult).task),
      );
    }),
  );
}

/**
 * Follows a task already created, by its id (asks `tasks/get` first); see the module.
 *
 * @example
 * resumeTask(connection, savedTaskId, {}, check, scheduler).subscribe(show);
 */
export function resumeTask(
  connection: TaskConnection,
  taskId: string,
  task: Omit<TaskCallOptions, 'ttl'>,
  check: CheckToolResult,
  scheduler: SchedulerLike,
): Observable<ToolTaskEvent> {
  const wire = wireOf(connection, check);
  return wire.get(taskId).pipe(switchMap((first) => followTask(wire, first, scheduler, task.pollInterval)));
}
