/**
 * @module
 * Elicitation: the server asks the user for input through the client, `elicitation/create`
 * in form mode (a flat JSON Schema) or URL mode (an out-of-band web page), and
 * `notifications/elicitation/complete` (MCP 2025-11-25, SEP-1330 enums).
 */
import * as z from 'zod/mini';
import { methodSchema, NotificationParamsSchema, ResultSchema } from './common.js';
import { TaskAugmentedRequestParamsSchema } from './tasks.js';

const field = { title: z.optional(z.string()), description: z.optional(z.string()) };
const titledOption = z.looseObject({ const: z.string(), title: z.string() });

/** A string field, optionally with a `format`. */
export const StringSchemaSchema = z.looseObject({
  ...field,
  type: z.literal('string'),
  minLength: z.optional(z.int()),
  maxLength: z.optional(z.int()),
  format: z.optional(z.enum(['email', 'uri', 'date', 'date-time'])),
  default: z.optional(z.string()),
});
export type StringSchema = z.infer<typeof StringSchemaSchema>;

/** A number or integer field. */
export const NumberSchemaSchema = z.looseObject({
  ...field,
  type: z.enum(['number', 'integer']),
  minimum: z.optional(z.number()),
  maximum: z.optional(z.number()),
  default: z.optional(z.number()),
});
export type NumberSchema = z.infer<typeof NumberSchemaSchema>;

/** A boolean field. */
export const BooleanSchemaSchema = z.looseObject({
  ...field,
  type: z.literal('boolean'),
  default: z.optional(z.boolean()),
});
export type BooleanSchema = z.infer<typeof BooleanSchemaSchema>;

/** Single choice among plain values. */
export const UntitledSingleSelectEnumSchemaSchema = z.looseObject({
  ...field,
  type: z.literal('string'),
  enum: z.array(z.string()),
  default: z.optional(z.string()),
});
export type UntitledSingleSelectEnumSchema = z.infer<typeof UntitledSingleSelectEnumSchemaSchema>;

/** Single choice among values with display titles (`oneOf` of `{ const, title }`). */
export const TitledSingleSelectEnumSchemaSchema = z.looseObject({
  ...field,
  type: z.literal('string'),
  oneOf: z.array(titledOption),
  default: z.optional(z.string()),
});
export type TitledSingleSelectEnumSchema = z.infer<typeof TitledSingleSelectEnumSchemaSchema>;

/** Deprecated single choice with parallel `enumNames`; use the titled form. */
export const LegacyTitledEnumSchemaSchema = z.extend(UntitledSingleSelectEnumSchemaSchema, {
  enumNames: z.optional(z.array(z.string())),
});
export type LegacyTitledEnumSchema = z.infer<typeof LegacyTitledEnumSchemaSchema>;

const multi = {
  ...field,
  type: z.literal('array'),
  minItems: z.optional(z.int()),
  maxItems: z.optional(z.int()),
  default: z.optional(z.array(z.string())),
};

/** Multiple choice among plain values. */
export const UntitledMultiSelectEnumSchemaSchema = z.looseObject({
  ...multi,
  items: z.looseObject({ type: z.literal('string'), enum: z.array(z.string()) }),
});
export type UntitledMultiSelectEnumSchema = z.infer<typeof UntitledMultiSelectEnumSchemaSchema>;

/** Multiple choice among values with display titles (`items.anyOf` of `{ const, title }`). */
export const TitledMultiSelectEnumSchemaSchema = z.looseObject({
  ...multi,
  items: z.looseObject({ anyOf: z.array(titledOption) }),
});
export type TitledMultiSelectEnumSchema = z.infer<typeof TitledMultiSelectEnumSchemaSchema>;

/** Any single-select enum field. */
export const SingleSelectEnumSchemaSchema = z.union([
  UntitledSingleSelectEnumSchemaSchema,
  TitledSingleSelectEnumSchemaSchema,
]);
export type SingleSelectEnumSchema = z.infer<typeof SingleSelectEnumSchemaSchema>;

/** Any multi-select enum field. */
export const MultiSelectEnumSchemaSchema = z.union([
  UntitledMultiSelectEnumSchemaSchema,
  TitledMultiSelectEnumSchemaSchema,
]);
export type MultiSelectEnumSchema = z.infer<typeof MultiSelectEnumSchemaSchema>;

/** Any enum field. */
export const EnumSchemaSchema = z.union([
  LegacyTitledEnumSchemaSchema,
  SingleSelectEnumSchemaSchema,
  MultiSelectEnumSchemaSchema,
]);
export type EnumSchema = z.infer<typeof EnumSchemaSchema>;

/** One field of a form: a primitive, never nested. Enums are tried before plain strings. */
export const PrimitiveSchemaDefinitionSchema = z.union([
  EnumSchemaSchema,
  StringSchemaSchema,
  NumberSchemaSchema,
  BooleanSchemaSchema,
]);
export type PrimitiveSchemaDefinition = z.infer<typeof PrimitiveSchemaDefinitionSchema>;

/** Params of a form-mode `elicitation/create` (`mode` may be omitted). */
export const ElicitRequestFormParamsSchema = z.extend(TaskAugmentedRequestParamsSchema, {
  mode: z.optional(z.literal('form')),
  message: z.string(),
  requestedSchema: z.looseObject({
    $schema: z.optional(z.string()),
    type: z.literal('object'),
    properties: z.record(z.string(), PrimitiveSchemaDefinitionSchema),
    required: z.optional(z.array(z.string())),
  }),
});
export type ElicitRequestFormParams = z.infer<typeof ElicitRequestFormParamsSchema>;

/** Params of a URL-mode `elicitation/create`: the user completes it on a web page. */
export const ElicitRequestURLParamsSchema = z.extend(TaskAugmentedRequestParamsSchema, {
  mode: z.literal('url'),
  message: z.string(),
  url: z.string(),
  elicitationId: z.string(),
});
export type ElicitRequestURLParams = z.infer<typeof ElicitRequestURLParamsSchema>;

/** Params of `elicitation/create`, either mode. */
export const ElicitRequestParamsSchema = z.union([ElicitRequestURLParamsSchema, ElicitRequestFormParamsSchema]);
export type ElicitRequestParams = z.infer<typeof ElicitRequestParamsSchema>;

/** Asks the user for input through the client. */
export const ElicitRequestSchema = /* @__PURE__ */ methodSchema('elicitation/create', ElicitRequestParamsSchema);
export type ElicitRequest = z.infer<typeof ElicitRequestSchema>;

/** A submitted form value. */
export const ElicitValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type ElicitValue = z.infer<typeof ElicitValueSchema>;

/** The user's answer; `content` only with `accept` in form mode. */
export const ElicitResultSchema = z.extend(ResultSchema, {
  action: z.enum(['accept', 'decline', 'cancel']),
  content: z.optional(z.record(z.string(), ElicitValueSchema)),
});
export type ElicitResult = z.infer<typeof ElicitResultSchema>;

/** Params of `notifications/elicitation/complete`. */
export const ElicitationCompleteNotificationParamsSchema = z.extend(NotificationParamsSchema, {
  elicitationId: z.string(),
});
export type ElicitationCompleteNotificationParams = z.infer<typeof ElicitationCompleteNotificationParamsSchema>;

/** Tells the client an out-of-band (URL-mode) elicitation finished. */
export const ElicitationCompleteNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/elicitation/complete',
  ElicitationCompleteNotificationParamsSchema,
);
export type ElicitationCompleteNotification = z.infer<typeof ElicitationCompleteNotificationSchema>;

/** The `data` of a `-32042` (URL elicitation required) error: the elicitations to complete first. */
export const UrlElicitationRequiredErrorDataSchema = z.looseObject({
  elicitations: z.array(ElicitRequestURLParamsSchema),
});
export type UrlElicitationRequiredErrorData = z.infer<typeof UrlElicitationRequiredErrorDataSchema>;
