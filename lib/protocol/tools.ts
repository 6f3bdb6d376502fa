/**
 * @module
 * Tools: `tools/list`, `tools/call` and `notifications/tools/list_changed` (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import {
  BaseMetadataSchema,
  IconsSchema,
  MetaObjectSchema,
  methodSchema,
  NotificationParamsSchema,
  PaginatedRequestParamsSchema,
  PaginatedResultSchema,
  ResultSchema,
} from './common.js';
import { ContentBlockSchema } from './content.js';
import { TaskAugmentedRequestParamsSchema } from './tasks.js';

/** An object JSON Schema, as tools declare their input and output. */
export const ToolJsonSchemaSchema = z.looseObject({
  $schema: z.optional(z.string()),
  type: z.literal('object'),
  properties: z.optional(z.record(z.string(), z.looseObject({}))),
  required: z.optional(z.array(z.string())),
});
export type ToolJsonSchema = z.infer<typeof ToolJsonSchemaSchema>;

/** Hints about a tool's behaviour; clients must not trust them from untrusted servers. */
export const ToolAnnotationsSchema = z.looseObject({
  title: z.optional(z.string()),
  readOnlyHint: z.optional(z.boolean()),
  destructiveHint: z.optional(z.boolean()),
  idempotentHint: z.optional(z.boolean()),
  openWorldHint: z.optional(z.boolean()),
});
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

/** How a tool runs: whether it supports running as a task. */
export const ToolExecutionSchema = z.looseObject({
  taskSupport: z.optional(z.enum(['forbidden', 'optional', 'required'])),
});
export type ToolExecution = z.infer<typeof ToolExecutionSchema>;

/** A tool the client can call. */
export const ToolSchema = z.extend(BaseMetadataSchema, {
  ...IconsSchema.shape,
  description: z.optional(z.string()),
  inputSchema: ToolJsonSchemaSchema,
  outputSchema: z.optional(ToolJsonSchemaSchema),
  annotations: z.optional(ToolAnnotationsSchema),
  execution: z.optional(ToolExecutionSchema),
  _meta: z.optional(MetaObjectSchema),
});
export type Tool = z.infer<typeof ToolSchema>;

/** Lists the server's tools, a page at a time. */
export const ListToolsRequestSchema = methodSchema('tools/list', z.optional(PaginatedRequestParamsSchema));
export type ListToolsRequest = z.infer<typeof ListToolsRequestSchema>;

/** A page of tools. */
export const ListToolsResultSchema = z.extend(PaginatedResultSchema, { tools: z.array(ToolSchema) });
export type ListToolsResult = z.infer<typeof ListToolsResultSchema>;

/** Params of `tools/call`. */
export const CallToolRequestParamsSchema = z.extend(TaskAugmentedRequestParamsSchema, {
  name: z.string(),
  arguments: z.optional(z.record(z.string(), z.unknown())),
});
export type CallToolRequestParams = z.infer<typeof CallToolRequestParamsSchema>;

/** Calls a tool. */
export const CallToolRequestSchema = methodSchema('tools/call', CallToolRequestParamsSchema);
export type CallToolRequest = z.infer<typeof CallToolRequestSchema>;

/** The result of a tool call; tool errors are reported with `isError: true`, not as protocol errors. */
export const CallToolResultSchema = z.extend(ResultSchema, {
  content: z.array(ContentBlockSchema),
  structuredContent: z.optional(z.record(z.string(), z.unknown())),
  isError: z.optional(z.boolean()),
});
export type CallToolResult = z.infer<typeof CallToolResultSchema>;

/** Tells the client the list of tools changed. */
export const ToolListChangedNotificationSchema = methodSchema('notifications/tools/list_changed', z.optional(NotificationParamsSchema));
export type ToolListChangedNotification = z.infer<typeof ToolListChangedNotificationSchema>;
