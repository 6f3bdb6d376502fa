/**
 * @module
 * A task as the client sees it, whichever era reported it: the 2026-07-28 extension's flat task
 * (`ttlMs`, `pollIntervalMs`, `inputRequests`) or the 2025-11-25 experimental `Task` (`ttl`,
 * `pollInterval`), in one shape; and the events a task-run tool call emits.
 */
import type { InputRequest } from '../../protocol/modern.js';
import type { DetailedTask } from '../../protocol/tasks-extension.js';
import type { CallToolResult } from '../../protocol/tools.js';
import type { Task, TaskStatus } from '../../protocol/tasks.js';

/** A task's state, in the extension's field names. */
export interface TaskState {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly statusMessage?: string;
  readonly createdAt: string;
  readonly lastUpdatedAt: string;
  /** Retention from creation in milliseconds; `null` is unlimited. */
  readonly ttlMs: number | null;
  /** How often the server asks to be polled, in milliseconds. */
  readonly pollIntervalMs?: number;
  /** What the task waits on (`input_required`, 2026-07-28), by key. */
  readonly inputRequests?: Readonly<Record<string, InputRequest>>;
}

/** What a task-run tool call emits: the task's state each time it changes, then the tool's result. */
export type ToolTaskEvent =
  { readonly type: 'status'; readonly task: TaskState } | { readonly type: 'result'; readonly result: CallToolResult };

/** A state as the wire reported it, with what a terminal extension task inlines. */
export interface ReportedTask {
  readonly state: TaskState;
  /** The raw result of a `completed` extension task. */
  readonly result?: unknown;
  /** The JSON-RPC error of a `failed` extension task. */
  readonly error?: { code: number; message: string; data?: unknown };
}

/**
 * The state of a 2025-11-25 `Task` (from `CreateTaskResult`, `tasks/get` or `notifications/tasks/status`).
 *
 * @example
 * fromLegacyTask({ taskId: 't', status: 'working', createdAt, lastUpdatedAt, ttl: 60_000, pollInterval: 500 }).pollIntervalMs; // 500
 */
export function fromLegacyTask(task: Task): ReportedTask {
  const state: Mutable<TaskState> = {
    taskId: task.taskId,
    status: task.status,
    createdAt: task.createdAt,
    lastUpdatedAt: task.lastUpdatedAt,
    ttlMs: task.ttl,
  };
  if (task.statusMessage !== undefined) state.statusMessage = task.statusMessage;
  if (task.pollInterval !== undefined) state.pollIntervalMs = task.pollInterval;
  return { state };
}

/**
 * The state of an extension task (`CreateTaskResult`, `tasks/get` or `notifications/tasks`), with
 * its inlined result or error.
 *
 * @example
 * fromExtensionTask(detailed).result; // the raw CallToolResult of a completed task
 */
export function fromExtensionTask(task: DetailedTask): ReportedTask {
  const state: Mutable<TaskState> = {
    taskId: task.taskId,
    status: task.status,
    createdAt: task.createdAt,
    lastUpdatedAt: task.lastUpdatedAt,
    ttlMs: task.ttlMs ?? null,
  };
  if (task.statusMessage !== undefined) state.statusMessage = task.statusMessage;
  if (task.pollIntervalMs !== undefined) state.pollIntervalMs = task.pollIntervalMs;
  if (task.status === 'input_required') state.inputRequests = task.inputRequests ?? {};
  const reported: Mutable<ReportedTask> = { state };
  if (task.status === 'completed') reported.result = task.result;
  if (task.status === 'failed' && task.error) reported.error = task.error;
  return reported;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
