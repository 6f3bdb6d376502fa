/**
 * @module
 * A tool call run as a task (2025-11-25 experimental tasks, SEP-1686), as one cold Observable:
 * it sends `tools/call` with `params.task`, emits the task's status each time it changes
 * (polling `tasks/get` at the task's `pollInterval` on the scheduler, sooner when the server sends
 * `notifications/tasks/status`), and ends with the result (`tasks/result`). Unsubscribing
 * before the end cancels the task (`tasks/cancel`). {@link resumeToolTask} picks a task up again
 * by its id, e.g. after a reconnect.
 */
import { asyncScheduler, concat, defer, distinctUntilChanged, filter, map, merge, Observable, of, type SchedulerLike, type Subscription, switchMap, take, timer } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import { CallToolResultSchema, type CallToolResult } from '../../protocol/tools.js';
import { CreateTaskResultSchema, type CreateTaskResult, type Task } from '../../protocol/tasks.js';
import { TERMINAL_TASK_STATUSES } from '../../protocol/tasks-extension.js';
import type { CallToolParams } from '../call-tool.js';
import type { McpClient } from '../mcp-client.js';
import { parseResult, type ResultValidator } from '../parse-result.js';

/** What a task-run tool call emits: the task's status as it changes, then its result. */
export type ToolTaskEvent = { readonly type: 'status'; readonly task: Task } | { readonly type: 'result'; readonly result: CallToolResult };

/** Options of {@link callToolTask}. */
export interface CallToolTaskOptions {
  /** Retention asked of the server, in milliseconds. @defaultValue the server's choice */
  readonly ttl?: number;
  /** Polling interval when the task suggests none, in milliseconds. @defaultValue 1000 */
  readonly pollInterval?: number;
  /** Where polling waits. @defaultValue `asyncScheduler` */
  readonly scheduler?: SchedulerLike;
}

/**
 * Calls a tool as a task; see the module. A server that answers with a plain result (it ran
 * the call at once) yields just the result event.
 *
 * @example
 * callToolTask(client, { name: 'build', arguments: { target: 'web' } }, { ttl: 600_000 })
 *   .subscribe((event) => (event.type === 'status' ? show(event.task.status, event.task.statusMessage) : done(event.result)));
 */
export function callToolTask(client: McpClient, params: CallToolParams, options: CallToolTaskOptions = {}): Observable<ToolTaskEvent> {
  const task = options.ttl === undefined ? {} : { ttl: options.ttl };
  return holding(
    client,
    client.extensionRequest('tools/call', { ...params, task } as Record<string, unknown>, TASK_OR_RESULT).pipe(
      switchMap((answer) => ('task' in answer ? follow(client, answer.task as Task, options) : of<ToolTaskEvent>({ type: 'result', result: answer }))),
    ),
  );
}

/**
 * Follows a task already created (by its id): its status changes, then the tool's result.
 *
 * @example
 * resumeToolTask(client, savedTaskId).subscribe((event) => …);
 */
export function resumeToolTask(client: McpClient, taskId: string, options: CallToolTaskOptions = {}): Observable<ToolTaskEvent> {
  return holding(client, client.request('tasks/get', { taskId }).pipe(switchMap((task) => follow(client, task as Task, options))));
}

/**
 * `work` with the client's connection held from subscription to teardown, so every poll (and
 * the cancellation on unsubscribe) goes over the one session the task belongs to.
 */
function holding<T>(client: McpClient, work: Observable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const hold = client.connect();
    const subscription = work.subscribe(subscriber);
    return () => {
      subscription.unsubscribe();
      hold.unsubscribe();
    };
  });
}

/** A `CreateTaskResult`, or the plain result of a server that ran the call at once. */
const TASK_OR_RESULT: ResultValidator<CreateTaskResult | CallToolResult> = {
  safeParse: (value) => (typeof value === 'object' && value !== null && 'task' in value ? CreateTaskResultSchema.safeParse(value) : CallToolResultSchema.safeParse(value)),
};

function follow(client: McpClient, first: Task, options: CallToolTaskOptions): Observable<ToolTaskEvent> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const { taskId } = first;
  const pushed$ = client.notifications$.pipe(filter((message) => message.method === 'notifications/tasks/status' && message.params?.['taskId'] === taskId));
  const poll = (task: Task): Observable<Task> =>
    merge(timer(task.pollInterval ?? options.pollInterval ?? 1000, scheduler), pushed$).pipe(
      take(1),
      switchMap(() => client.request('tasks/get', { taskId }) as Observable<Task>),
    );
  // Each status leads to the next poll until one is terminal.
  const statuses$ = new Observable<Task>((subscriber) => {
    let finished = false;
    let inner: Subscription | undefined;
    const step = (task: Task): void => {
      subscriber.next(task);
      if (TERMINAL_TASK_STATUSES.has(task.status)) {
        finished = true;
        subscriber.complete();
        return;
      }
      inner = poll(task).subscribe({ next: step, error: (error: unknown) => subscriber.error(error) });
    };
    step(first);
    return () => {
      inner?.unsubscribe();
      if (!finished) client.request('tasks/cancel', { taskId }).subscribe({ error: () => undefined });
    };
  });
  return defer(() => {
    let last: Task | undefined;
    return concat(
      statuses$.pipe(
        distinctUntilChanged((a, b) => a.status === b.status && a.statusMessage === b.statusMessage),
        map((task): ToolTaskEvent => {
          last = task;
          return { type: 'status', task };
        }),
      ),
      defer(() => {
        if (last?.status !== 'completed' && last?.status !== 'failed') throw new McpError('closed', `Task ${taskId} was ${last?.status ?? 'lost'}`, { data: { taskId } });
        return client.request('tasks/result', { taskId }).pipe(map((result): ToolTaskEvent => ({ type: 'result', result: parseResult(CallToolResultSchema, result, 'tasks/result') })));
      }),
    );
  });
}
