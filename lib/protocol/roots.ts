/**
 * @module
 * Roots: `roots/list` and `notifications/roots/list_changed` (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import {
  MetaObjectSchema,
  methodSchema,
  NotificationParamsSchema,
  RequestParamsSchema,
  ResultSchema,
} from './common.js';

/** A directory or file the server may operate on; `uri` must start with `file://` for now. */
export const RootSchema = z.looseObject({
  uri: z.string(),
  name: z.optional(z.string()),
  _meta: z.optional(MetaObjectSchema),
});
export type Root = z.infer<typeof RootSchema>;

/** Asks the client for its roots. */
export const ListRootsRequestSchema = /* @__PURE__ */ methodSchema(
  'roots/list',
  /* @__PURE__ */ z.optional(RequestParamsSchema),
);
export type ListRootsRequest = z.infer<typeof ListRootsRequestSchema>;

/** The client's roots. */
export const ListRootsResultSchema = z.extend(ResultSchema, { roots: z.array(RootSchema) });
export type ListRootsResult = z.infer<typeof ListRootsResultSchema>;

/** Tells the server the list of roots changed. */
export const RootsListChangedNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/roots/list_changed',
  /* @__PURE__ */ z.optional(NotificationParamsSchema),
);
export type RootsListChangedNotification = z.infer<typeof RootsListChangedNotificationSchema>;
