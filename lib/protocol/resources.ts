/**
 * @module
 * Resources: `resources/list`, `resources/templates/list`, `resources/read`,
 * `resources/subscribe`, `resources/unsubscribe` and their notifications (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import {
  AnnotationsSchema,
  BaseMetadataSchema,
  IconsSchema,
  MetaObjectSchema,
  methodSchema,
  NotificationParamsSchema,
  PaginatedRequestParamsSchema,
  PaginatedResultSchema,
  RequestParamsSchema,
  ResultSchema,
} from './common.js';
import { ResourceContentsUnionSchema } from './content.js';

const described = {
  ...IconsSchema.shape,
  description: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  annotations: z.optional(AnnotationsSchema),
  _meta: z.optional(MetaObjectSchema),
};

/** A resource the server can read. */
export const ResourceSchema = z.extend(BaseMetadataSchema, {
  ...described,
  uri: z.string(),
  size: z.optional(z.int()),
});
export type Resource = z.infer<typeof ResourceSchema>;

/** A family of resources addressed by an RFC 6570 URI template. */
export const ResourceTemplateSchema = z.extend(BaseMetadataSchema, { ...described, uriTemplate: z.string() });
export type ResourceTemplate = z.infer<typeof ResourceTemplateSchema>;

/** Lists the server's resources, a page at a time. */
export const ListResourcesRequestSchema = /* @__PURE__ */ methodSchema(
  'resources/list',
  /* @__PURE__ */ z.optional(PaginatedRequestParamsSchema),
);
export type ListResourcesRequest = z.infer<typeof ListResourcesRequestSchema>;

/** A page of resources. */
export const ListResourcesResultSchema = z.extend(PaginatedResultSchema, { resources: z.array(ResourceSchema) });
export type ListResourcesResult = z.infer<typeof ListResourcesResultSchema>;

/** Lists the server's resource templates, a page at a time. */
export const ListResourceTemplatesRequestSchema = /* @__PURE__ */ methodSchema(
  'resources/templates/list',
  /* @__PURE__ */ z.optional(PaginatedRequestParamsSchema),
);
export type ListResourceTemplatesRequest = z.infer<typeof ListResourceTemplatesRequestSchema>;

/** A page of resource templates. */
export const ListResourceTemplatesResultSchema = z.extend(PaginatedResultSchema, {
  resourceTemplates: z.array(ResourceTemplateSchema),
});
export type ListResourceTemplatesResult = z.infer<typeof ListResourceTemplatesResultSchema>;

/** Params of a request about one resource (read, subscribe, unsubscribe). */
export const ResourceRequestParamsSchema = z.extend(RequestParamsSchema, { uri: z.string() });
export type ResourceRequestParams = z.infer<typeof ResourceRequestParamsSchema>;

/** Params of `resources/read`. */
export const ReadResourceRequestParamsSchema = ResourceRequestParamsSchema;
export type ReadResourceRequestParams = z.infer<typeof ReadResourceRequestParamsSchema>;

/** Reads a resource. */
export const ReadResourceRequestSchema = /* @__PURE__ */ methodSchema(
  'resources/read',
  ReadResourceRequestParamsSchema,
);
export type ReadResourceRequest = z.infer<typeof ReadResourceRequestSchema>;

/** The contents of a resource (one or more parts). */
export const ReadResourceResultSchema = z.extend(ResultSchema, { contents: z.array(ResourceContentsUnionSchema) });
export type ReadResourceResult = z.infer<typeof ReadResourceResultSchema>;

/** Params of `resources/subscribe`. */
export const SubscribeRequestParamsSchema = ResourceRequestParamsSchema;
export type SubscribeRequestParams = z.infer<typeof SubscribeRequestParamsSchema>;

/** Asks for `notifications/resources/updated` when a resource changes. Answered with an empty result. */
export const SubscribeRequestSchema = /* @__PURE__ */ methodSchema('resources/subscribe', SubscribeRequestParamsSchema);
export type SubscribeRequest = z.infer<typeof SubscribeRequestSchema>;

/** Params of `resources/unsubscribe`. */
export const UnsubscribeRequestParamsSchema = ResourceRequestParamsSchema;
export type UnsubscribeRequestParams = z.infer<typeof UnsubscribeRequestParamsSchema>;

/** Cancels a subscription. Answered with an empty result. */
export const UnsubscribeRequestSchema = /* @__PURE__ */ methodSchema(
  'resources/unsubscribe',
  UnsubscribeRequestParamsSchema,
);
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequestSchema>;

/** Params of `notifications/resources/updated`. */
export const ResourceUpdatedNotificationParamsSchema = z.extend(NotificationParamsSchema, { uri: z.string() });
export type ResourceUpdatedNotificationParams = z.infer<typeof ResourceUpdatedNotificationParamsSchema>;

/** Tells a subscriber that a resource changed and may be read again. */
export const ResourceUpdatedNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/resources/updated',
  ResourceUpdatedNotificationParamsSchema,
);
export type ResourceUpdatedNotification = z.infer<typeof ResourceUpdatedNotificationSchema>;

/** Tells the client the list of resources changed. */
export const ResourceListChangedNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/resources/list_changed',
  /* @__PURE__ */ z.optional(NotificationParamsSchema),
);
export type ResourceListChangedNotification = z.infer<typeof ResourceListChangedNotificationSchema>;
