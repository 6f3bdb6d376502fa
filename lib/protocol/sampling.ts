/**
 * @module
 * Sampling: the server asks the client's LLM for a completion, `sampling/createMessage`
 * (MCP 2025-11-25, with tool use).
 */
import * as z from 'zod';
import { MetaObjectSchema, methodSchema, ResultSchema, RoleSchema } from './common.js';
import { SamplingContentSchema } from './content.js';
import { TaskAugmentedRequestParamsSchema } from './tasks.js';
import { ToolSchema } from './tools.js';

const priority = z.number().min(0).max(1).optional();

/** A hint for model selection: a (sub)string of a model name, e.g. `'claude-3-5-sonnet'`. */
export const ModelHintSchema = z.looseObject({ name: z.string().optional() });
export type ModelHint = z.infer<typeof ModelHintSchema>;

/** The server's preferences for model selection; priorities are 0..1. */
export const ModelPreferencesSchema = z.looseObject({
  hints: z.array(ModelHintSchema).optional(),
  costPriority: priority,
  speedPriority: priority,
  intelligencePriority: priority,
});
export type ModelPreferences = z.infer<typeof ModelPreferencesSchema>;

/** Whether the model may, must or must not use tools. */
export const ToolChoiceSchema = z.looseObject({ mode: z.enum(['auto', 'required', 'none']).optional() });
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;

/** A message in a sampling conversation: one content block or several. */
export const SamplingMessageSchema = z.looseObject({
  role: RoleSchema,
  content: SamplingContentSchema,
  _meta: MetaObjectSchema.optional(),
});
export type SamplingMessage = z.infer<typeof SamplingMessageSchema>;

/** Params of `sampling/createMessage`. */
export const CreateMessageRequestParamsSchema = TaskAugmentedRequestParamsSchema.extend({
  messages: z.array(SamplingMessageSchema),
  modelPreferences: ModelPreferencesSchema.optional(),
  systemPrompt: z.string().optional(),
  /** Soft-deprecated except `'none'`; other values need the client's `sampling.context` capability. */
  includeContext: z.enum(['none', 'thisServer', 'allServers']).optional(),
  temperature: z.number().optional(),
  maxTokens: z.number().int(),
  stopSequences: z.array(z.string()).optional(),
  /** Provider-specific metadata passed through to the LLM. */
  metadata: z.looseObject({}).optional(),
  /** Tools the model may use; needs the client's `sampling.tools` capability. */
  tools: z.array(ToolSchema).optional(),
  toolChoice: ToolChoiceSchema.optional(),
});
export type CreateMessageRequestParams = z.infer<typeof CreateMessageRequestParamsSchema>;

/** Asks the client to sample an LLM. */
export const CreateMessageRequestSchema = methodSchema('sampling/createMessage', CreateMessageRequestParamsSchema);
export type CreateMessageRequest = z.infer<typeof CreateMessageRequestSchema>;

/** The client's sampled message; `stopReason` is e.g. `'endTurn' | 'stopSequence' | 'maxTokens' | 'toolUse'`. */
export const CreateMessageResultSchema = ResultSchema.extend({
  model: z.string(),
  stopReason: z.string().optional(),
  role: RoleSchema,
  content: SamplingContentSchema,
});
export type CreateMessageResult = z.infer<typeof CreateMessageResultSchema>;
