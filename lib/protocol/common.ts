/**
 * @module
 * Building blocks shared by every MCP feature: `_meta`, results, pagination, icons,
 * implementation info, annotations and roles (MCP 2025-11-25).
 *
 * Every object is a `looseObject`: unknown fields and `_meta` keys survive a parse.
 */
import * as z from 'zod/mini';
import { MetaSchema, ParamsSchema } from './jsonrpc.js';

/** The `_meta` key that ties a message to a task (2025-11-25). */
export const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task' as const;

/** Free-form `_meta` of results, notifications and data objects. */
export const MetaObjectSchema = z.looseObject({});
export type MetaObject = z.infer<typeof MetaObjectSchema>;

/**
 * The value under {@link RELATED_TASK_META_KEY}: the task a message belongs to. Not enforced
 * inside `_meta` (the spec leaves `_meta` open); parse it where you read it.
 */
export const RelatedTaskMetadataSchema = z.looseObject({ taskId: z.string() });
export type RelatedTaskMetadata = z.infer<typeof RelatedTaskMetadataSchema>;

/** `_meta` of a request: an optional `progressToken`, plus any other keys. */
export const RequestMetaSchema = MetaSchema;
export type RequestMeta = z.infer<typeof RequestMetaSchema>;

/** Params of any request: an object whose `_meta` is optional. */
export const RequestParamsSchema = ParamsSchema;
export type RequestParams = z.infer<typeof RequestParamsSchema>;

/** Params of any notification: an object whose `_meta` is optional. */
export const NotificationParamsSchema = z.looseObject({ _meta: z.optional(MetaObjectSchema) });
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

/** Any result: an object whose `_meta` is optional. */
export const ResultSchema = z.looseObject({ _meta: z.optional(MetaObjectSchema) });
export type Result = z.infer<typeof ResultSchema>;

/** A result that only says "done" (ping, subscribe, setLevel...). */
export const EmptyResultSchema = ResultSchema;
export type EmptyResult = z.infer<typeof EmptyResultSchema>;

/**
 * A request or notification of one method: `{ method, params }`, loose like every object here.
 * Every `XxxRequestSchema` and `XxxNotificationSchema` of this package is one; use it for your
 * own (extension) methods too. Their declarations annotate the call (and a `z.optional(…)` in
 * it) as pure, so that esbuild drops those an app never uses: esbuild does not carry a
 * no-side-effects annotation of a function over to calls from other modules.
 *
 * @example
 * export const PingRequestSchema = methodSchema('ping', RequestParamsSchema.optional());
 * type PingRequest = z.infer<typeof PingRequestSchema>; // { method: 'ping'; params?: … }
 */
export function methodSchema<const M extends string, P extends z.ZodMiniType>(method: M, params: P) {
  return z.looseObject({ method: z.literal(method), params });
}

/** An opaque pagination position. */
export const CursorSchema = z.string();
export type Cursor = z.infer<typeof CursorSchema>;

/** Params of a `…/list` request. */
export const PaginatedRequestParamsSchema = z.extend(RequestParamsSchema, { cursor: z.optional(CursorSchema) });
export type PaginatedRequestParams = z.infer<typeof PaginatedRequestParamsSchema>;

/** A page of a `…/list` result; `nextCursor` is absent on the last page. */
export const PaginatedResultSchema = z.extend(ResultSchema, { nextCursor: z.optional(CursorSchema) });
export type PaginatedResult = z.infer<typeof PaginatedResultSchema>;

/** Base64 data, as `atob` accepts it (`format: byte` in the spec). */
export const Base64Schema = z.string().check(
  z.refine(
    (value) => {
      try {
        atob(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Invalid base64 string' },
  ),
);

/** The sender or recipient of messages in a conversation. */
export const RoleSchema = z.enum(['user', 'assistant']);
export type Role = z.infer<typeof RoleSchema>;

/** Hints to the client on how to use or display an object. */
export const AnnotationsSchema = z.looseObject({
  audience: z.optional(z.array(RoleSchema)),
  priority: z.optional(z.number().check(z.minimum(0)).check(z.maximum(1))),
  lastModified: z.optional(z.string()),
});
export type Annotations = z.infer<typeof AnnotationsSchema>;

/** An icon a client can display. */
export const IconSchema = z.looseObject({
  src: z.string(),
  mimeType: z.optional(z.string()),
  sizes: z.optional(z.array(z.string())),
  theme: z.optional(z.enum(['light', 'dark'])),
});
export type Icon = z.infer<typeof IconSchema>;

/** The optional `icons` of tools, prompts, resources and implementations. */
export const IconsSchema = z.looseObject({ icons: z.optional(z.array(IconSchema)) });
export type Icons = z.infer<typeof IconsSchema>;

/** A programmatic `name` and an optional display `title`. */
export const BaseMetadataSchema = z.looseObject({ name: z.string(), title: z.optional(z.string()) });
export type BaseMetadata = z.infer<typeof BaseMetadataSchema>;

/** The name and version of an MCP client or server. */
export const ImplementationSchema = z.extend(BaseMetadataSchema, {
  ...IconsSchema.shape,
  version: z.string(),
  description: z.optional(z.string()),
  websiteUrl: z.optional(z.string()),
});
export type Implementation = z.infer<typeof ImplementationSchema>;
