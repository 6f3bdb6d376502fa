/**
 * @module
 * The experimental tasks of 2025-11-25 (SEP-1686) on 2025 sessions: a `tools/call` with
 * `params.task` of a task-supporting tool answers `CreateTaskResult` (`{ task }`) and runs as a
 * task of that session; `tasks/get`, `tasks/result` (waits for the end, with related-task
 * `_meta`), `tasks/list` and `tasks/cancel` answer for the session's own tasks.
 */
import { map, type Observable, switchMap, tap } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import type { TaskMetadata } from '../../protocol/tasks.js';
import type { ServerContext } from '../context.js';
import { fromOutcome } from '../handler-outcome.js';
import type { ToolEntry } from '../tools.js';
import { RELATED_TASK_META } from './task-escalation.js';
import type { TaskRunner } from './task-runner.js';
import { notifyLegacyStatus, type NotifyStatus } from './task-status-notifications.js';
import { legacyTask } from './task-wire.js';

const owners = new WeakMap<object, string>();

/** The owner of a session's tasks (a random id per session object). */
export function taskOwnerOf(session: object): string {
  let owner = owners.get(session);
  if (owner === undefined) owners.set(session, (owner = globalThis.crypto.randomUUID()));
  return owner;
}

const unknownTask = (taskId: string) =>
  McpError.protocol(ErrorCode.InvalidParams, `Unknown task: ${taskId}`, { taskId });

/**
 * Whether a 2025 `tools/call` of `tool` runs as a task: with `params.task` when the tool supports
 * tasks; -32601 when the tool requires a task and the call is not task-augmented.
 *
 * @example
 * legacyTaskOf(tool, params.task); // the TaskMetadata, or undefined for an ordinary call
 */
export function legacyTaskOf(tool: ToolEntry, task: TaskMetadata | undefined): TaskMetadata | undefined {
  const support = tool.config.execution?.taskSupport ?? 'forbidden';
  if (support === 'forbidden') return undefined;
  if (task === undefined && support === 'required')
    throw McpError.protocol(ErrorCode.MethodNotFound, `Tool ${tool.name} must be called as a task (params.task)`);
  return task;
}

/** Where a 2025 task's status notifications go: its session (see {@link notifyLegacyStatus}). */
export interface LegacyStatusSink {
  readonly notify: NotifyStatus;
  /** Emits when the session ends (no more notifications). */
  readonly closed$: Observable<unknown>;
}

/**
 * Starts a 2025 task of `owner` running `run` with the session's context; emits `{ task }`.
 * With `status`, each later change of the task is sent as `notifications/tasks/status`.
 *
 * @example
 * startLegacyTask(runner, owner, ctx, { ttl: 60_000 }, () => callTool(entry, args, ctx, 'legacy'), { notify, closed$: session.closed$ });
 */
export function startLegacyTask(
  runner: TaskRunner,
  owner: string,
  ctx: ServerContext,
  task: TaskMetadata,
  run: (ctx: ServerContext) => unknown,
  status?: LegacyStatusSink,
): Observable<Record<string, unknown>> {
  return runner
    .start(
      (_inputs, _notify, signal, taskId) =>
        fromOutcome(() => run(withTaskMeta(ctx, taskId, signal))) as Observable<Record<string, unknown>>,
      {
        capabilities: ctx.client?.capabilities ?? {},
        owner,
        ...(task.ttl === undefined ? {} : { ttlMs: task.ttl }),
      },
    )
    .pipe(
      tap((record) => status && notifyLegacyStatus(runner, record.taskId, status.notify, status.closed$)),
      map((record) => ({ task: legacyTask(record) })),
    );
}

/**
 * `ctx` with the related-task `_meta` of `taskId` and the task's abort signal (aborted by
 * `tasks/cancel`, not by the end of the request that started it); its methods are closures, so
 * they carry over.
 */
function withTaskMeta(ctx: ServerContext, taskId: string, signal: () => AbortSignal): ServerContext {
  return {
    get signal() {
      return signal();
    },
    get client() {
      return ctx.client;
    },
    requestId: ctx.requestId,
    sessionId: ctx.sessionId,
    meta: { ...ctx.meta, [RELATED_TASK_META]: { taskId } },
    progress: ctx.progress,
    log: ctx.log,
    sample: ctx.sample,
    elicit: ctx.elicit,
    listRoots: ctx.listRoots,
    sendNotification: ctx.sendNotification,
    closeStream: ctx.closeStream,
  };
}

/**
 * Serves `tasks/get`, `tasks/result`, `tasks/list` or `tasks/cancel` for `owner`'s tasks.
 *
 * @example
 * serveLegacyTaskMethod(runner, 'tasks/get', { taskId }, owner, 100).subscribe((task) => …);
 */
export function serveLegacyTaskMethod(
  runner: TaskRunner,
  method: string,
  params: { taskId?: string; cursor?: string },
  owner: string,
  pageSize: number,
): Observable<Record<string, unknown>> {
  const taskId = params.taskId ?? '';
  const known = <T>(value: T | undefined): T => {
    if (value === undefined) throw unknownTask(taskId);
    return value;
  };
  switch (method) {
    case 'tasks/list':
      return runner
        .list(owner, params.cursor, pageSize)
        .pipe(
          map((page) =>
            page.nextCursor === undefined
              ? { tasks: page.tasks.map(legacyTask) }
              : { tasks: page.tasks.map(legacyTask), nextCursor: page.nextCursor },
          ),
        );
    case 'tasks/result':
      return runner.terminal(taskId, owner).pipe(
        map((found) => {
          const record = known(found);
          const related = { [RELATED_TASK_META]: { taskId } };
          if (record.status === 'completed')
            return { ...record.result, _meta: { ...(record.result?.['_meta'] as object | undefined), ...related } };
          const error = record.error ?? {
            code: ErrorCode.InternalError,
            message: `Task ${taskId} was ${record.status}`,
          };
          throw McpError.protocol(error.code, error.message, error.data);
        }),
      );
    case 'tasks/cancel':
      return runner.get(taskId, owner).pipe(
        switchMap((found) => {
          const record = known(found);
          if (TERMINAL_TASK_STATUSES.has(record.status))
            throw McpError.protocol(ErrorCode.InvalidParams, `Task ${taskId} is already ${record.status}`);
          return runner.cancel(taskId, owner);
        }),
        map((record) => ({ ...legacyTask(known(record)) })),
      );
    default:
      return runner.get(taskId, owner).pipe(map((record) => ({ ...legacyTask(known(record)) })));
  }
}
