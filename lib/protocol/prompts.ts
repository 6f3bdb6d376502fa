/**
 * @module
 * Prompts: `prompts/list`, `prompts/get` and `notifications/prompts/list_changed` (MCP 2025-11-25).
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
  RequestParamsSchema,
  ResultSchema,
  RoleSchema,
} from './common.js';
import { ContentBlockSchema } from './content.js';

/** An argument a prompt accepts. */
export const PromptArgumentSchema = z.extend(BaseMetadataSchema, {
  description: z.optional(z.string()),
  required: z.optional(z.boolean()),
});
export type PromptArgument = z.infer<typeof PromptArgumentSchema>;

/** A prompt or prompt template the server offers. */
export const PromptSchema = z.extend(BaseMetadataSchema, {
  ...IconsSchema.shape,
  description: z.optional(z.string()),
  arguments: z.optional(z.array(PromptArgumentSchema)),
  _meta: z.optional(MetaObjectSchema),
});
export type Prompt = z.infer<typeof PromptSchema>;

/** Lists the server's prompts, a page at a time. */
export const ListPromptsRequestSchema = /* @__PURE__ */ methodSchema(
  'prompts/list',
  /* @__PURE__ */ z.optional(PaginatedRequestParamsSchema),
);
export type ListPromptsRequest = z.infer<typeof ListPromptsRequestSchema>;

/** A page of prompts. */
export const ListPromptsResultSchema = z.extend(PaginatedResultSchema, { prompts: z.array(PromptSchema) });
export type ListPromptsResult = z.infer<typeof ListPromptsResultSchema>;

/** Params of `prompts/get`; argument values are strings. */
export const GetPromptRequestParamsSchema = z.extend(RequestParamsSchema, {
  name: z.string(),
  arguments: z.optional(z.record(z.string(), z.string())),
});
export type GetPromptRequestParams = z.infer<typeof GetPromptRequestParamsSchema>;

/** Gets a prompt, filled in with arguments. */
export const GetPromptRequestSchema = /* @__PURE__ */ methodSchema('prompts/get', GetPromptRequestParamsSchema);
export type GetPromptRequest = z.infer<typeof GetPromptRequestSchema>;

/** One message of a prompt. */
export const PromptMessageSchema = z.looseObject({ role: RoleSchema, content: ContentBlockSchema });
export type PromptMessage = z.infer<typeof PromptMessageSchema>;

/** The messages of a prompt. */
export const GetPromptResultSchema = z.extend(ResultSchema, {
  description: z.optional(z.string()),
  messages: z.array(PromptMessageSchema),
});
export type GetPromptResult = z.infer<typeof GetPromptResultSchema>;

/** Tells the client the list of prompts changed. */
export const PromptListChangedNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/prompts/list_changed',
  /* @__PURE__ */ z.optional(NotificationParamsSchema),
);
export type PromptListChangedNotification = z.infer<typeof PromptListChangedNotificationSchema>;
