/**
 * @module
 * Argument autocompletion: `completion/complete` (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import { methodSchema, RequestParamsSchema, ResultSchema } from './common.js';

/** Refers to a prompt by name. */
export const PromptReferenceSchema = z.looseObject({
  type: z.literal('ref/prompt'),
  name: z.string(),
  title: z.optional(z.string()),
});
export type PromptReference = z.infer<typeof PromptReferenceSchema>;

/** Refers to a resource template by its URI template. */
export const ResourceTemplateReferenceSchema = z.looseObject({
  type: z.literal('ref/resource'),
  uri: z.string(),
});
export type ResourceTemplateReference = z.infer<typeof ResourceTemplateReferenceSchema>;

/** Params of `completion/complete`. */
export const CompleteRequestParamsSchema = z.extend(RequestParamsSchema, {
  ref: z.discriminatedUnion('type', [PromptReferenceSchema, ResourceTemplateReferenceSchema]),
  /** The argument being completed and its partial value. */
  argument: z.looseObject({ name: z.string(), value: z.string() }),
  /** Arguments already resolved, for context. */
  context: z.optional(z.looseObject({ arguments: z.optional(z.record(z.string(), z.string())) })),
});
export type CompleteRequestParams = z.infer<typeof CompleteRequestParamsSchema>;

/** Asks the server for completion options of a prompt or resource-template argument. */
export const CompleteRequestSchema = /* @__PURE__ */ methodSchema('completion/complete', CompleteRequestParamsSchema);
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

/** Completion options (senders keep `values` to at most 100), with the `total` and whether there are more. */
export const CompleteResultSchema = z.extend(ResultSchema, {
  completion: z.looseObject({
    values: z.array(z.string()),
    total: z.optional(z.int()),
    hasMore: z.optional(z.boolean()),
  }),
});
export type CompleteResult = z.infer<typeof CompleteResultSchema>;
