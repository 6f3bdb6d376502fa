/**
 * @module
 * Argument autocompletion: `completion/complete` (MCP 2025-11-25).
 */
import * as z from 'zod';
import { methodSchema, RequestParamsSchema, ResultSchema } from './common.js';

/** Refers to a prompt by name. */
export const PromptReferenceSchema = z.looseObject({
  type: z.literal('ref/prompt'),
  name: z.string(),
  title: z.string().optional(),
});
export type PromptReference = z.infer<typeof PromptReferenceSchema>;

/** Refers to a resource template by its URI template. */
export const ResourceTemplateReferenceSchema = z.looseObject({
  type: z.literal('ref/resource'),
  uri: z.string(),
});
export type ResourceTemplateReference = z.infer<typeof ResourceTemplateReferenceSchema>;

/** Params of `completion/complete`. */
export const CompleteRequestParamsSchema = RequestParamsSchema.extend({
  ref: z.discriminatedUnion('type', [PromptReferenceSchema, ResourceTemplateReferenceSchema]),
  /** The argument being completed and its partial value. */
  argument: z.looseObject({ name: z.string(), value: z.string() }),
  /** Arguments already resolved, for context. */
  context: z.looseObject({ arguments: z.record(z.string(), z.string()).optional() }).optional(),
});
export type CompleteRequestParams = z.infer<typeof CompleteRequestParamsSchema>;

/** Asks the server for completion options of a prompt or resource-template argument. */
export const CompleteRequestSchema = methodSchema('completion/complete', CompleteRequestParamsSchema);
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

/** Completion options (senders keep `values` to at most 100), with the `total` and whether there are more. */
export const CompleteResultSchema = ResultSchema.extend({
  completion: z.looseObject({
    values: z.array(z.string()),
    total: z.number().int().optional(),
    hasMore: z.boolean().optional(),
  }),
});
export type CompleteResult = z.infer<typeof CompleteResultSchema>;
