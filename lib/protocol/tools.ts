/**
 * @module
 * Tools: `tools/list`, `tools/call` and `notifications/tools/list_changed`. The schemas without a
 * prefix are those of 2025-11-25 (an object `outputSchema` and `structuredContent`); the `Modern…`
 * ones those of 2026-07-28 (SEP-2106: any JSON Schema and any JSON value). The types are the
 * wider, modern ones, which every 2025 value satisfies.
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

/** Any JSON Schema object, as a 2026-07-28 tool may declare its output (`type` need not be `object`). */
export const AnyJsonSchemaSchema = z.looseObject({ $schema: z.optional(z.string()) });
export type AnyJsonSchema = z.infer<typeof AnyJsonSchemaSchema>;

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

/** A tool of the 2026-07-28 revision: its `outputSchema` may describe any JSON value. */
export const ModernToolSchema = z.extend(ToolSchema, { outputSchema: z.optional(AnyJsonSchemaSchema) });

/** A tool, of either era: a 2025 one's `outputSchema` has `type: "object"`, a 2026-07-28 one's may describe any value. */
export type Tool = z.infer<typeof ModernToolSchema>;

/** Lists the server's tools, a page at a time. */
export const ListToolsRequestSchema = /* @__PURE__ */ methodSchema(
  'tools/list',
  /* @__PURE__ */ z.optional(PaginatedRequestParamsSchema),
);
export type ListToolsRequest = z.infer<typeof ListToolsRequestSchema>;

/** A page of tools. */
export const ListToolsResultSchema = z.extend(PaginatedResultSchema, { tools: z.array(ToolSchema) });

/** A page of 2026-07-28 tools. */
export const ModernListToolsResultSchema = z.extend(PaginatedResultSchema, { tools: z.array(ModernToolSchema) });
export type ListToolsResult = z.infer<typeof ModernListToolsResultSchema>;

/** Params of `tools/call`. */
export const CallToolRequestParamsSchema = z.extend(TaskAugmentedRequestParamsSchema, {
  name: z.string(),
  arguments: z.optional(z.record(z.string(), z.unknown())),
});
export type CallToolRequestParams = z.infer<typeof CallToolRequestParamsSchema>;

/** Calls a tool. */
export const CallToolRequestSchema = /* @__PURE__ */ methodSchema('tools/call', CallToolRequestParamsSchema);
export type CallToolRequest = z.infer<typeof CallToolRequestSchema>;

/** The result of a tool call; tool errors are reported with `isError: true`, not as protocol errors. */
export const CallToolResultSchema = z.extend(ResultSchema, {
  content: z.array(ContentBlockSchema),
  structuredContent: z.optional(z.record(z.string(), z.unknown())),
  isError: z.optional(z.boolean()),
});

/** A tool result of the 2026-07-28 revision: `structuredContent` is any JSON value (`null` included). */
export const ModernCallToolResultSchema = z.extend(CallToolResultSchema, {
  structuredContent: z.optional(z.unknown()),
});

/** A tool result, of either era: `structuredContent` is an object in 2025 sessions, any JSON value in 2026-07-28. */
export type CallToolResult = z.infer<typeof ModernCallToolResultSchema>;

/** Tells the client the list of tools changed. */
export const ToolListChangedNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/tools/list_changed',
  /* @__PURE__ */ z.optional(NotificationParamsSchema),
);
export type ToolListChangedNotification = z.infer<typeof ToolListChangedNotificationSchema>;
