/**
 * @module
 * Sampling: the server asks the client's LLM for a completion, `sampling/createMessage`
 * (MCP 2025-11-25, with tool use).
 */
import * as z from 'zod/mini';
import { MetaObjectSchema, methodSchema, ResultSchema, RoleSchema } from './common.js';
import { SamplingContentSchema } from './content.js';
import { TaskAugmentedRequestParamsSchema } from './tasks.js';
import { ToolSchema } from './tools.js';

const priority = z.optional(z.number().check(z.minimum(0)).check(z.maximum(1)));

/** A hint for model selection: a (sub)string of a model name, e.g. `'claude-3-5-sonnet'`. */
export const ModelHintSchema = z.looseObject({ name: z.optional(z.string()) });
export type ModelHint = z.infer<typeof ModelHintSchema>;

/** The server's preferences for model selection; priorities are 0..1. */
export const ModelPreferencesSchema = z.looseObject({
  hints: z.optional(z.array(ModelHintSchema)),
  costPriority: priority,
  speedPriority: priority,
  intelligencePriority: priority,
});
export type ModelPreferences = z.infer<typeof ModelPreferencesSchema>;

/** Whether the model may, must or must not use tools. */
export const ToolChoiceSchema = z.looseObject({ mode: z.optional(z.enum(['auto', 'required', 'none'])) });
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;

/** A message in a sampling conversation: one content block or several. */
export const SamplingMessageSchema = z.looseObject({
  role: RoleSchema,
  content: SamplingContentSchema,
  _meta: z.optional(MetaObjectSchema),
});
export type SamplingMessage = z.infer<typeof SamplingMessageSchema>;

/** Params of `sampling/createMessage`. */
export const CreateMessageRequestParamsSchema = z.extend(TaskAugmentedRequestParamsSchema, {
  messages: z.array(SamplingMessageSchema),
  modelPreferences: z.optional(ModelPreferencesSchema),
  systemPrompt: z.optional(z.string()),
  /** Soft-deprecated except `'none'`; other values need the client's `sampling.context` capability. */
  includeContext: z.optional(z.enum(['none', 'thisServer', 'allServers'])),
  temperature: z.optional(z.number()),
  maxTokens: z.int(),
  stopSequences: z.optional(z.array(z.string())),
  /** Provider-specific metadata passed through to the LLM. */
  metadata: z.optional(z.looseObject({})),
  /** Tools the model may use; needs the client's `sampling.tools` capability. */
  tools: z.optional(z.array(ToolSchema)),
  toolChoice: z.optional(ToolChoiceSchema),
});
export type CreateMessageRequestParams = z.infer<typeof CreateMessageRequestParamsSchema>;

/** Asks the client to sample an LLM. */
export const CreateMessageRequestSchema = /* @__PURE__ */ methodSchema(
  'sampling/createMessage',
  CreateMessageRequestParamsSchema,
);
export type CreateMessageRequest = z.infer<typeof CreateMessageRequestSchema>;

/** The client's sampled message; `stopReason` is e.g. `'endTurn' | 'stopSequence' | 'maxTokens' | 'toolUse'`. */
export const CreateMessageResultSchema = z.extend(ResultSchema, {
  model: z.string(),
  stopReason: z.optional(z.string()),
  role: RoleSchema,
  content: SamplingContentSchema,
});
export type CreateMessageResult = z.infer<typeof CreateMessageResultSchema>;
