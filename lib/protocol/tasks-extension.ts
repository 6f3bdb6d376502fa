/**
 * @module
 * The tasks extension of 2026-07-28 (`io.modelcontextprotocol/tasks`, SEP-2663): a `tools/call`
 * may be answered with a task handle (`resultType: "task"`), polled with `tasks/get`, fed input
 * with `tasks/update` and stopped with `tasks/cancel`. Schemas and small helpers only.
 */
import * as z from 'zod/mini';
import { RequestParamsSchema } from './common.js';
import { TaskStatusSchema, type TaskStatus } from './tasks.js';
import { InputResponsesSchema, type InputRequest } from './modern.js';

/** The extension's identifier, under `capabilities.extensions`. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** The methods of the extension (all take `taskId`, which `Mcp-Name` must repeat on HTTP). */
export const TASK_EXTENSION_METHODS: ReadonlySet<string> = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);

/** The statuses a task never leaves. */
export const TERMINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>([
  'completed',
  'failed',
  'cancelled',
]);

/** Params of `tasks/get` and `tasks/cancel`. */
export const TaskHandleParamsSchema = z.extend(RequestParamsSchema, { taskId: z.string() });

/** Params of `tasks/update`: answers to some of the task's `inputRequests`, by key. */
export const UpdateTaskParamsSchema = z.extend(RequestParamsSchema, {
  taskId: z.string(),
  inputResponses: InputResponsesSchema,
});
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

/** A `DetailedTask` as received (also the `CreateTaskResult` of the extension, with `resultType: "task"`). */
export const DetailedTaskSchema = z.looseObject({
  taskId: z.string(),
  status: TaskStatusSchema,
  statusMessage: z.optional(z.string()),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  ttlMs: z.optional(z.union([z.number(), z.null()])),
  pollIntervalMs: z.optional(z.number()),
  result: z.optional(z.record(z.string(), z.unknown())),
  error: z.optional(z.looseObject({ code: z.number(), message: z.string(), data: z.optional(z.unknown()) })),
  inputRequests: z.optional(
    z.record(z.string(), z.looseObject({ method: z.string(), params: z.optional(z.record(z.string(), z.unknown())) })),
  ),
});

/**
 * Whether capabilities (a request's `_meta` client capabilities) declare an extension.
 *
 * @example
 * declaresExtension({ extensions: { 'io.modelcontextprotocol/tasks': {} } }, TASKS_EXTENSION); // true
 */
export function declaresExtension(capabilities: unknown, id: string): boolean {
  const extensions = (capabilities as { extensions?: unknown } | undefined)?.extensions;
  return (
    typeof extensions === 'object' && extensions !== null && (extensions as Record<string, unknown>)[id] !== undefined
  );
}

/**
 * `capabilities` with the extension `id` declared too (what a request that may become a task, or
 * that asks about one, carries in its `_meta`).
 *
 * @example
 * withExtension({ elicitation: {} }, TASKS_EXTENSION); // { elicitation: {}, extensions: { 'io.modelcontextprotocol/tasks': {} } }
 */
export function withExtension<C extends object>(capabilities: C, id: string): C {
  const extensions = (capabilities as { extensions?: Record<string, unknown> }).extensions;
  return { ...capabilities, extensions: { ...extensions, [id]: extensions?.[id] ?? {} } };
}
