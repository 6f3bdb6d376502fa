/**
 * @module
 * The tasks extension on 2026-07-28 requests (SEP-2663): whether a `tools/call` becomes a task,
 * starting one with the request's context, and `tasks/get`, `tasks/update`, `tasks/cancel`.
 */
import { defer, map, type Observable } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { RequestId } from '../../protocol/jsonrpc.js';
import { MetaKey, type RequestEnvelope } from '../../protocol/modern.js';
import {
  declaresExtension,
  TASKS_EXTENSION,
  TaskHandleParamsSchema,
  UpdateTaskParamsSchema,
} from '../../protocol/tasks-extension.js';
import type { ServerContext } from '../context.js';
import { fromOutcome } from '../handler-outcome.js';
import { createModernContext } from '../modern/modern-context.js';
import type { ToolEntry } from '../tools.js';
import { RELATED_TASK_META } from './task-escalation.js';
import type { TaskRunner } from './task-runner.js';
import { detailedTask, extensionTask } from './task-wire.js';

/**
 * The -32021 error of a request that needs the tasks extension its client did not declare.
 *
 * @example
 * throw missingTasksExtension('Tool build runs only as a task');
 */
export function missingTasksExtension(message = 'Missing required client capability: the tasks extension'): McpError {
  return McpError.protocol(ErrorCode.MissingRequiredClientCapability, message, {
    requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } },
  });
}

/**
 * How a `tools/call` of `tool` runs for a client with `capabilities`: `'task'` (answered with a
 * task at once), `'handler'` (the handler may hand over with `runAsTask`) or `'sync'`. Throws
 * -32021 for a tool that requires a task when the client did not declare the extension.
 *
 * @example
 * taskModeOf(tool, envelope['io.modelcontextprotocol/clientCapabilities']); // 'task'
 */
export function taskModeOf(tool: ToolEntry, capabilities: unknown): 'task' | 'handler' | 'sync' {
  const support = tool.config.execution?.taskSupport ?? 'forbidden';
  if (support === 'forbidden') return 'sync';
  if (!declaresExtension(capabilities, TASKS_EXTENSION)) {
    if (support === 'required')
      throw missingTasksExtension(`Missing required client capability: tool ${tool.name} runs only as a task`);
    return 'sync';
  }
  return tool.config.task?.start === 'handler' ? 'handler' : 'task';
}

/** The request a modern task starts from. */
export interface ModernTaskRequest {
  readonly requestId: RequestId;
  readonly envelope: RequestEnvelope;
  readonly meta: Record<string, unknown>;
  readonly ttlMs?: number;
}

/**
 * Starts a task that runs `run` with a task context (its `elicit` & co. wait for `tasks/update`,
 * its progress and log messages become the status message); emits the `CreateTaskResult` body
 * once the task is stored.
 *
 * @example
 * startModernTask(runner, { requestId, envelope, meta }, (ctx) => tool.handler(args, ctx)).subscribe((created) => reply(created));
 */
export function startModernTask(
  runner: TaskRunner,
  request: ModernTaskRequest,
  run: (ctx: ServerContext) => unknown,
): Observable<Record<string, unknown>> {
  const capabilities = request.envelope[MetaKey.clientCapabilities];
  const envelope: RequestEnvelope = {
    ...request.envelope,
    [MetaKey.logLevel]: request.envelope[MetaKey.logLevel] ?? 'info',
  };
  return runner
    .start(
      (inputs, notify, signal, taskId) => {
        const meta = {
          ...request.meta,
          progressToken: request.meta['progressToken'] ?? taskId,
          [RELATED_TASK_META]: { taskId },
        };
        return fromOutcome(() =>
          run(createModernContext(request.requestId, envelope, meta, inputs, signal, notify)),
        ) as Observable<Record<string, unknown>>;
      },
      { capabilities, ...(request.ttlMs === undefined ? {} : { ttlMs: request.ttlMs }) },
    )
    .pipe(map((record) => ({ resultType: 'task', ...extensionTask(record) })));
}

const unknownTask = (taskId: string) =>
  McpError.protocol(ErrorCode.InvalidParams, `Unknown task: ${taskId}`, { taskId });

/**
 * Serves `tasks/get`, `tasks/update` or `tasks/cancel` of a 2026-07-28 request: -32021 without
 * the extension, -32602 for an unknown task; `update` and `cancel` answer an empty result.
 *
 * @example
 * serveTaskMethod(runner, 'tasks/get', { taskId }, capabilities).subscribe((task) => …);
 */
export function serveTaskMethod(
  runner: TaskRunner,
  method: string,
  params: unknown,
  capabilities: unknown,
): Observable<Record<string, unknown>> {
  return defer(() => {
    if (!declaresExtension(capabilities, TASKS_EXTENSION))
      throw missingTasksExtension(`Missing required client capability: ${method} needs the tasks extension`);
    if (method === 'tasks/update') {
      const parsed = UpdateTaskParamsSchema.safeParse(params ?? {});
      if (!parsed.success)
        throw McpError.protocol(ErrorCode.InvalidParams, `Invalid params for tasks/update: ${parsed.error.message}`);
      return runner.update(parsed.data.taskId, parsed.data.inputResponses).pipe(
        map((found) => {
          if (!found) throw unknownTask(parsed.data.taskId);
          return {};
        }),
      );
    }
    const parsed = TaskHandleParamsSchema.safeParse(params ?? {});
    if (!parsed.success)
      throw McpError.protocol(ErrorCode.InvalidParams, `Invalid params for ${method}: ${parsed.error.message}`);
    const { taskId } = parsed.data;
    const found = method === 'tasks/cancel' ? runner.cancel(taskId) : runner.get(taskId);
    return found.pipe(
      map((record) => {
        if (!record) throw unknownTask(taskId);
        return method === 'tasks/cancel' ? {} : (detailedTask(record) as unknown as Record<string, unknown>);
      }),
    );
  });
}
