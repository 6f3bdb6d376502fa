/**
 * @module
 * `notifications/cancelled`: either side cancels a request it sent earlier (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import { RequestIdSchema, type JSONRPCMessage, type RequestId } from './jsonrpc.js';
import { methodSchema, NotificationParamsSchema } from './common.js';

/** Params of `notifications/cancelled`; `requestId` is required except for tasks (use `tasks/cancel`). */
export const CancelledNotificationParamsSchema = z.extend(NotificationParamsSchema, {
  requestId: z.optional(RequestIdSchema),
  reason: z.optional(z.string()),
});
export type CancelledNotificationParams = z.infer<typeof CancelledNotificationParamsSchema>;

/** Cancels a previously sent request. Never sent for `initialize`. */
export const CancelledNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/cancelled',
  CancelledNotificationParamsSchema,
);
export type CancelledNotification = z.infer<typeof CancelledNotificationSchema>;

/**
 * The id a `notifications/cancelled` cancels, or `undefined` for any other message.
 *
 * @example
 * const id = cancelledRequestId(message);
 * if (id !== undefined) inflight.get(id)?.unsubscribe();
 */
export function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (
    !('method' in message) ||
    message.method !== 'notifications/cancelled' ||
    ('id' in message && message.id !== undefined)
  )
    return undefined;
  const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}
