/**
 * @module
 * A tool handler that gathers input first (MRTR rounds on 2026-07-28) and then continues as a
 * task: `runAsTask(ctx, work)` ends the synchronous part; the server answers `CreateTaskResult`
 * and runs `work` as the task (SEP-2663: input before the task is MRTR, input during it is
 * `tasks/update`).
 */
import { defer, type Observable, of } from 'rxjs';
import { TASKS_EXTENSION, declaresExtension } from '../../protocol/tasks-extension.js';
import type { ServerContext } from '../context.js';
import { fromOutcome, type HandlerOutcome } from '../handler-outcome.js';
import type { ToolResult } from '../tools.js';
import { escalation, RELATED_TASK_META } from './task-escalation.js';

export { RELATED_TASK_META, taskContinuationOf } from './task-escalation.js';

/** The work a handler hands over to run as a task, with the task's own context. */
export type TaskContinuation = (taskCtx: ServerContext) => HandlerOutcome<ToolResult>;

/**
 * Continues a tool call as a task when the request allows one (its client declared the tasks
 * extension and it is not already a task); otherwise runs `work` at once with `ctx`, so the same
 * handler serves every client.
 *
 * @example
 * server.tool('book', { execution: { taskSupport: 'required' } }, (_args, ctx) =>
 *   ctx.elicit({ message: 'Who?', requestedSchema }).pipe(
 *     switchMap((answer) => runAsTask(ctx, () => timer(5000).pipe(map(() => `Booked for ${answer.content?.['name']}`)))),
 *   ));
 */
export function runAsTask(ctx: ServerContext, work: TaskContinuation): Observable<ToolResult> {
  return defer(() => {
    if (ctx.meta?.[RELATED_TASK_META] !== undefined || !declaresExtension(ctx.client?.capabilities, TASKS_EXTENSION))
      return fromOutcome(() => work(ctx));
    return of(escalation(work) as unknown as ToolResult);
  });
}
