/**
 * @module
 * `notifications/progress`: out-of-band progress of a long-running request (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import { ProgressTokenSchema } from './jsonrpc.js';
import { methodSchema, NotificationParamsSchema } from './common.js';

/** Params of `notifications/progress`; `progress` should increase with each notification. */
export const ProgressNotificationParamsSchema = z.extend(NotificationParamsSchema, {
  progressToken: ProgressTokenSchema,
  progress: z.number(),
  total: z.optional(z.number()),
  message: z.optional(z.string()),
});
export type ProgressNotificationParams = z.infer<typeof ProgressNotificationParamsSchema>;

/** Reports progress of the request that carried `_meta.progressToken`. */
export const ProgressNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/progress',
  ProgressNotificationParamsSchema,
);
export type ProgressNotification = z.infer<typeof ProgressNotificationSchema>;
