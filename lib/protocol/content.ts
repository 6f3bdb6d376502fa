/**
 * @module
 * Content blocks of tool results, prompt messages and sampling messages, and the
 * contents of resources (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import { AnnotationsSchema, Base64Schema, BaseMetadataSchema, IconsSchema, MetaObjectSchema } from './common.js';

const meta = { _meta: z.optional(MetaObjectSchema) };

/** The contents of a resource (base of text and blob contents). */
export const ResourceContentsSchema = z.looseObject({ uri: z.string(), mimeType: z.optional(z.string()), ...meta });
export type ResourceContents = z.infer<typeof ResourceContentsSchema>;

/** Resource contents as text. */
export const TextResourceContentsSchema = z.extend(ResourceContentsSchema, { text: z.string() });
export type TextResourceContents = z.infer<typeof TextResourceContentsSchema>;

/** Resource contents as base64 binary data. */
export const BlobResourceContentsSchema = z.extend(ResourceContentsSchema, { blob: Base64Schema });
export type BlobResourceContents = z.infer<typeof BlobResourceContentsSchema>;

/** Text or blob resource contents. */
export const ResourceContentsUnionSchema = z.union([TextResourceContentsSchema, BlobResourceContentsSchema]);
export type ResourceContentsUnion = z.infer<typeof ResourceContentsUnionSchema>;

/** Text provided to or from an LLM. */
export const TextContentSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  annotations: z.optional(AnnotationsSchema),
  ...meta,
});
export type TextContent = z.infer<typeof TextContentSchema>;

/** A base64 image provided to or from an LLM. */
export const ImageContentSchema = z.looseObject({
  type: z.literal('image'),
  data: Base64Schema,
  mimeType: z.string(),
  annotations: z.optional(AnnotationsSchema),
  ...meta,
});
export type ImageContent = z.infer<typeof ImageContentSchema>;

/** Base64 audio provided to or from an LLM. */
export const AudioContentSchema = z.looseObject({
  type: z.literal('audio'),
  data: Base64Schema,
  mimeType: z.string(),
  annotations: z.optional(AnnotationsSchema),
  ...meta,
});
export type AudioContent = z.infer<typeof AudioContentSchema>;

/** A link to a resource the server can read (not necessarily listed). */
export const ResourceLinkSchema = z.extend(BaseMetadataSchema, {
  ...IconsSchema.shape,
  type: z.literal('resource_link'),
  uri: z.string(),
  description: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  size: z.optional(z.int()),
  annotations: z.optional(AnnotationsSchema),
  ...meta,
});
export type ResourceLink = z.infer<typeof ResourceLinkSchema>;

/** A resource's contents embedded in a prompt or tool result. */
export const EmbeddedResourceSchema = z.looseObject({
  type: z.literal('resource'),
  resource: ResourceContentsUnionSchema,
  annotations: z.optional(AnnotationsSchema),
  ...meta,
});
export type EmbeddedResource = z.infer<typeof EmbeddedResourceSchema>;

/** Any content of a tool result or prompt message. */
export const ContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ResourceLinkSchema,
  EmbeddedResourceSchema,
]);
export type ContentBlock = z.infer<typeof ContentBlockSchema>;

/** A model's request to call a tool (sampling with tools). */
export const ToolUseContentSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.looseObject({}),
  ...meta,
});
export type ToolUseContent = z.infer<typeof ToolUseContentSchema>;

/** The result of a tool use, sent back to the model (sampling with tools). */
export const ToolResultContentSchema = z.looseObject({
  type: z.literal('tool_result'),
  toolUseId: z.string(),
  content: z.array(ContentBlockSchema),
  structuredContent: z.optional(z.looseObject({})),
  isError: z.optional(z.boolean()),
  ...meta,
});
export type ToolResultContent = z.infer<typeof ToolResultContentSchema>;

/** Any content of a sampling message. */
export const SamplingMessageContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ToolUseContentSchema,
  ToolResultContentSchema,
]);
export type SamplingMessageContentBlock = z.infer<typeof SamplingMessageContentBlockSchema>;

/** The content of a sampling message or result: one block or an array of blocks. */
export const SamplingContentSchema = z.union([
  SamplingMessageContentBlockSchema,
  z.array(SamplingMessageContentBlockSchema),
]);
export type SamplingContent = z.infer<typeof SamplingContentSchema>;
