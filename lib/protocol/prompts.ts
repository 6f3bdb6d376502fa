/**
 * @module
 * Prompts: `prompts/list`, `prompts/get` and `notifications/prompts/list_changed` (MCP 2025-11-25).
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
  RequestParamsSchema,
  ResultSchema,
  RoleSchema,
} from './common.js';
import { ContentBlockSchema } from './content.js';

/** An argument a prompt accepts. */
export const PromptArgumentSchema = BaseMetadataSchema.extend({
  description: z.string().optional(),
  required: z.boolean().optional(),
});
export type PromptArgument = z.infer<typeof PromptArgumentSchema>;

/** A prompt or prompt template the server offers. */
export const PromptSchema = BaseMetadataSchema.extend({
  ...IconsSchema.shape,
  description: z.string().optional(),
  arguments: z.array(PromptArgumentSchema).optional(),
  _meta: MetaObjectSchema.optional(),
});
export type Prompt = z.infer<typeof PromptSchema>;

/** Lists the server's prompts, a page at a time. */
export const ListPromptsRequestSchema = methodSchema('prompts/list', PaginatedRequestParamsSchema.optional());
export type ListPromptsRequest = z.infer<typeof ListPromptsRequestSchema>;

/** A page of prompts. */
export const ListPromptsResultSchema = PaginatedResultSchema.extend({ prompts: z.array(PromptSchema) });
export type ListPromptsResult = z.infer<typeof ListPromptsResultSchema>;

/** Params of `prompts/get`; argument values are strings. */
export const GetPromptRequestParamsSchema = RequestParamsSchema.extend({
  name: z.string(),
  arguments: z.record(z.string(), z.string()).optional(),
});
export type GetPromptRequestParams = z.infer<typeof GetPromptRequestParamsSchema>;

/** Gets a prompt, filled in with arguments. */
export const GetPromptRequestSchema = methodSchema('prompts/get', GetPromptRequestParamsSchema);
export type GetPromptRequest = z.infer<typeof GetPromptRequestSchema>;

/** One message of a prompt. */
export const PromptMessageSchema = z.looseObject({ role: RoleSchema, content: ContentBlockSchema });
export type PromptMessage = z.infer<typeof PromptMessageSchema>;

/** The messages of a prompt. */
export const GetPromptResultSchema = ResultSchema.extend({
  description: z.string().optional(),
  messages: z.array(PromptMessageSchema),
});
export type GetPromptResult = z.infer<typeof GetPromptResultSchema>;

/** Tells the client the list of prompts changed. */
export const PromptListChangedNotificationSchema = methodSchema('notifications/prompts/list_changed', NotificationParamsSchema.optional());
export type PromptListChangedNotification = z.infer<typeof PromptListChangedNotificationSchema>;
