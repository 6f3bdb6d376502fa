/**
 * @module
 * The tasks extension of 2026-07-28 (`io.modelcontextprotocol/tasks`, SEP-2663): a `tools/call`
 * may be answered with a task handle (`resultType: "task"`), polled with `tasks/get`, fed input
 * with `tasks/update` and stopped with `tasks/cancel`. Schemas and small helpers only.
 */
import * as z from 'zod/mini';
import { RequestParamsSchema } from './common.js';
import type { TaskStatus } from './tasks.js';
import { InputResponsesSchema, type InputRequest } from './modern.js';

/** The extension's identifier, under `capabilities.extensions`. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** The methods of the extension (all take `taskId`, which `Mcp-Name` must repeat on HTTP). */
export const TASK_EXTENSION_METHODS: ReadonlySet<string> = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);

/** The statuses a task never leaves. */
export const TERMINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['completed', 'failed', 'cancelled']);

/** Params of `tasks/get` and `tasks/cancel`. */
export const TaskHandleParamsSchema = z.extend(RequestParamsSchema, { taskId: z.string() });

/** Params of `tasks/update`: answers to some of the task's `inputRequests`, by key. */
export const UpdateTaskParamsSchema = z.extend(RequestParamsSchema, { taskId: z.string(), inputResponses: InputResponsesSchema });
export type UpdateTaskParams = z.infer<typeof UpdateTaskParamsSchema>;

/** A task as the extension puts it on the wire (the flat `Task` of SEP-2663). */
export interface ExtensionTask {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
}

/** `tasks/get`'s answer: the task with what its status carries (result, error or input requests). */
export interface DetailedTask extends ExtensionTask {
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
  inputRequests?: Record<string, InputRequest>;
}

/**
 * Whether capabilities (a request's `_meta` client capabilities) declare an extension.
 *
 * @example
 * declaresExtension({ extensions: { 'io.modelcontextprotocol/tasks': {} } }, TASKS_EXTENSION); // true
 */
export function declaresExtension(capabilities: unknown, id: string): boolean {
  const extensions = (capabilities as { extensions?: unknown } | undefined)?.extensions;
  return typeof extensions === 'object' && extensions !== null && (extensions as Record<string, unknown>)[id] !== undefined;
}
