/**
 * @module
 * Logging: `logging/setLevel` and `notifications/message` (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import { methodSchema, NotificationParamsSchema, RequestParamsSchema } from './common.js';

/** Syslog severities (RFC 5424), least severe first. */
export const LOGGING_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;

/** The severity of a log message. */
export const LoggingLevelSchema = z.enum(LOGGING_LEVELS);
export type LoggingLevel = z.infer<typeof LoggingLevelSchema>;

/**
 * Whether a message at `level` passes a `threshold` set by `logging/setLevel`.
 *
 * @example
 * isLoggingLevelEnabled('error', 'warning') // true
 * isLoggingLevelEnabled('debug', 'info')    // false
 */
export function isLoggingLevelEnabled(level: LoggingLevel, threshold: LoggingLevel): boolean {
  return LOGGING_LEVELS.indexOf(level) >= LOGGING_LEVELS.indexOf(threshold);
}

/** Params of `logging/setLevel`. */
export const SetLevelRequestParamsSchema = z.extend(RequestParamsSchema, { level: LoggingLevelSchema });
export type SetLevelRequestParams = z.infer<typeof SetLevelRequestParamsSchema>;

/** Sets the least severe level the server sends to the client. Answered with an empty result. */
export const SetLevelRequestSchema = /* @__PURE__ */ methodSchema('logging/setLevel', SetLevelRequestParamsSchema);
export type SetLevelRequest = z.infer<typeof SetLevelRequestSchema>;

/** Params of `notifications/message`; `data` is any JSON value. */
export const LoggingMessageNotificationParamsSchema = z.extend(NotificationParamsSchema, {
  level: LoggingLevelSchema,
  logger: z.optional(z.string()),
  data: z.unknown(),
});
export type LoggingMessageNotificationParams = z.infer<typeof LoggingMessageNotificationParamsSchema>;

/** A log message from the server. */
export const LoggingMessageNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/message',
  LoggingMessageNotificationParamsSchema,
);
export type LoggingMessageNotification = z.infer<typeof LoggingMessageNotificationSchema>;
