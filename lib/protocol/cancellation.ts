/**
 * @module
 * `notifications/cancelled`: either side cancels a request it sent earlier (MCP 2025-11-25).
 */
import * as z from 'zod';
import { RequestIdSchema } from './jsonrpc.js';
import { methodSchema, NotificationParamsSchema } from './common.js';

/** Params of `notifications/cancelled`; `requestId` is required except for tasks (use `tasks/cancel`). */
export const CancelledNotificationParamsSchema = NotificationParamsSchema.extend({
  requestId: RequestIdSchema.optional(),
  reason: z.string().optional(),
});
export type CancelledNotificationParams = z.infer<typeof CancelledNotificationParamsSchema>;

/** Cancels a previously sent request. Never sent for `initialize`. */
export const CancelledNotificationSchema = methodSchema('notifications/cancelled', CancelledNotificationParamsSchema);
export type CancelledNotification = z.infer<typeof CancelledNotificationSchema>;
