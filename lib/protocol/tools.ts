/**
 * @module
 * Tools: `tools/list`, `tools/call` and `notifications/tools/list_changed` (MCP 2025-11-25).
 */
import * as z from 'zod';
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
  $schema: z.string().optional(),
  type: z.literal('object'),
  properties: z.record(z.string(), z.looseObject({})).optional(),
  required: z.array(z.string()).optional(),
});
export type ToolJsonSchema = z.infer<typeof ToolJsonSchemaSchema>;

/** Hints about a tool's behaviour; clients must not trust them from untrusted servers. */
export const ToolAnnotationsSchema = z.looseObject({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

/** How a tool runs: whether it supports running as a task. */
export const ToolExecutionSchema = z.looseObject({
  taskSupport: z.enum(['forbidden', 'optional', 'required']).optional(),
});
export type ToolExecution = z.infer<typeof ToolExecutionSchema>;

/** A tool the client can call. */
export const ToolSchema = BaseMetadataSchema.extend({
  ...IconsSchema.shape,
  description: z.string().optional(),
  inputSchema: ToolJsonSchemaSchema,
  outputSchema: ToolJsonSchemaSchema.optional(),
  annotations: ToolAnnotationsSchema.optional(),
  execution: ToolExecutionSchema.optional(),
  _meta: MetaObjectSchema.optional(),
});
export type Tool = z.infer<typeof ToolSchema>;

/** Lists the server's tools, a page at a time. */
export const ListToolsRequestSchema = methodSchema('tools/list', PaginatedRequestParamsSchema.optional());
export type ListToolsRequest = z.infer<typeof ListToolsRequestSchema>;

/** A page of tools. */
export const ListToolsResultSchema = PaginatedResultSchema.extend({ tools: z.array(ToolSchema) });
export type ListToolsResult = z.infer<typeof ListToolsResultSchema>;

/** Params of `tools/call`. */
export const CallToolRequestParamsSchema = TaskAugmentedRequestParamsSchema.extend({
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()).optional(),
});
export type CallToolRequestParams = z.infer<typeof CallToolRequestParamsSchema>;

/** Calls a tool. */
export const CallToolRequestSchema = methodSchema('tools/call', CallToolRequestParamsSchema);
export type CallToolRequest = z.infer<typeof CallToolRequestSchema>;

/** The result of a tool call; tool errors are reported with `isError: true`, not as protocol errors. */
export const CallToolResultSchema = ResultSchema.extend({
  content: z.array(ContentBlockSchema),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
});
export type CallToolResult = z.infer<typeof CallToolResultSchema>;

/** Tells the client the list of tools changed. */
export const ToolListChangedNotificationSchema = methodSchema('notifications/tools/list_changed', NotificationParamsSchema.optional());
export type ToolListChangedNotification = z.infer<typeof ToolListChangedNotificationSchema>;
