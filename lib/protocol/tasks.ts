/**
 * @module
 * Tasks (MCP 2025-11-25, experimental): task-augmented requests, `tasks/*` requests and
 * `notifications/tasks/status`. Schemas only.
 */
import * as z from 'zod/mini';
import {
  methodSchema,
  NotificationParamsSchema,
  PaginatedRequestParamsSchema,
  PaginatedResultSchema,
  RequestParamsSchema,
  ResultSchema,
} from './common.js';

/** Asks the receiver to run a request as a task; `ttl` in milliseconds. */
export const TaskMetadataSchema = z.looseObject({ ttl: z.optional(z.int()) });
export type TaskMetadata = z.infer<typeof TaskMetadataSchema>;

/** Params of a request that may run as a task (`tools/call`, `sampling/createMessage`, `elicitation/create`). */
export const TaskAugmentedRequestParamsSchema = z.extend(RequestParamsSchema, { task: z.optional(TaskMetadataSchema) });
export type TaskAugmentedRequestParams = z.infer<typeof TaskAugmentedRequestParamsSchema>;

/** Where a task is in its life. */
export const TaskStatusSchema = z.enum(['working', 'input_required', 'completed', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

const taskShape = {
  taskId: z.string(),
  status: TaskStatusSchema,
  statusMessage: z.optional(z.string()),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  /** Retention in milliseconds from creation; `null` means unlimited. */
  ttl: z.union([z.int(), z.null()]),
  pollInterval: z.optional(z.int()),
};

/** The state of a task. */
export const TaskSchema = z.looseObject(taskShape);
export type Task = z.infer<typeof TaskSchema>;

/** The immediate answer to a task-augmented request. */
export const CreateTaskResultSchema = z.extend(ResultSchema, { task: TaskSchema });
export type CreateTaskResult = z.infer<typeof CreateTaskResultSchema>;

/** Params of `tasks/get`, `tasks/result` and `tasks/cancel`. */
export const TaskIdParamsSchema = z.extend(RequestParamsSchema, { taskId: z.string() });
export type TaskIdParams = z.infer<typeof TaskIdParamsSchema>;

/** Polls a task's state. */
export const GetTaskRequestSchema = /* @__PURE__ */ methodSchema('tasks/get', TaskIdParamsSchema);
export type GetTaskRequest = z.infer<typeof GetTaskRequestSchema>;

/** The result of `tasks/get`: the task itself. */
export const GetTaskResultSchema = z.extend(ResultSchema, taskShape);
export type GetTaskResult = z.infer<typeof GetTaskResultSchema>;

/** Fetches the result of the request a task ran (blocks until the task is terminal). */
export const GetTaskPayloadRequestSchema = /* @__PURE__ */ methodSchema('tasks/result', TaskIdParamsSchema);
export type GetTaskPayloadRequest = z.infer<typeof GetTaskPayloadRequestSchema>;

/** The result of `tasks/result`: the original request's result, whatever its type. */
export const GetTaskPayloadResultSchema = ResultSchema;
export type GetTaskPayloadResult = z.infer<typeof GetTaskPayloadResultSchema>;

/** Cancels a task. */
export const CancelTaskRequestSchema = /* @__PURE__ */ methodSchema('tasks/cancel', TaskIdParamsSchema);
export type CancelTaskRequest = z.infer<typeof CancelTaskRequestSchema>;

/** The result of `tasks/cancel`: the task after cancellation. */
export const CancelTaskResultSchema = z.extend(ResultSchema, taskShape);
export type CancelTaskResult = z.infer<typeof CancelTaskResultSchema>;

/** Lists tasks, a page at a time. */
export const ListTasksRequestSchema = /* @__PURE__ */ methodSchema(
  'tasks/list',
  /* @__PURE__ */ z.optional(PaginatedRequestParamsSchema),
);
export type ListTasksRequest = z.infer<typeof ListTasksRequestSchema>;

/** A page of tasks. */
export const ListTasksResultSchema = z.extend(PaginatedResultSchema, { tasks: z.array(TaskSchema) });
export type ListTasksResult = z.infer<typeof ListTasksResultSchema>;

/** Params of `notifications/tasks/status`: the task's new state. */
export const TaskStatusNotificationParamsSchema = z.extend(NotificationParamsSchema, taskShape);
export type TaskStatusNotificationParams = z.infer<typeof TaskStatusNotificationParamsSchema>;

/** Tells the requester a task's status changed. */
export const TaskStatusNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/tasks/status',
  TaskStatusNotificationParamsSchema,
);
export type TaskStatusNotification = z.infer<typeof TaskStatusNotificationSchema>;
