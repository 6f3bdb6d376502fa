/**
 * @module
 * The lifecycle of an MCP session: capabilities, `initialize`, `notifications/initialized`
 * and `ping` (MCP 2025-11-25).
 */
import * as z from 'zod';
import {
  ImplementationSchema,
  methodSchema,
  NotificationParamsSchema,
  RequestParamsSchema,
  ResultSchema,
} from './common.js';

/** An open capability object: presence means support; keys may be added later. */
const Flag = z.looseObject({});
const ListChanged = z.looseObject({ listChanged: z.boolean().optional() });

/** What a client supports with tasks. */
export const ClientTasksCapabilitySchema = z.looseObject({
  list: Flag.optional(),
  cancel: Flag.optional(),
  requests: z
    .looseObject({
      sampling: z.looseObject({ createMessage: Flag.optional() }).optional(),
      elicitation: z.looseObject({ create: Flag.optional() }).optional(),
    })
    .optional(),
});
export type ClientTasksCapability = z.infer<typeof ClientTasksCapabilitySchema>;

/** What a server supports with tasks. */
export const ServerTasksCapabilitySchema = z.looseObject({
  list: Flag.optional(),
  cancel: Flag.optional(),
  requests: z.looseObject({ tools: z.looseObject({ call: Flag.optional() }).optional() }).optional(),
});
export type ServerTasksCapability = z.infer<typeof ServerTasksCapabilitySchema>;

/** Capabilities a client may support. */
export const ClientCapabilitiesSchema = z.looseObject({
  experimental: z.record(z.string(), Flag).optional(),
  roots: ListChanged.optional(),
  sampling: z.looseObject({ context: Flag.optional(), tools: Flag.optional() }).optional(),
  /** An empty object means form mode only (backwards compatible). */
  elicitation: z.looseObject({ form: Flag.optional(), url: Flag.optional() }).optional(),
  tasks: ClientTasksCapabilitySchema.optional(),
});
export type ClientCapabilities = z.infer<typeof ClientCapabilitiesSchema>;

/** Capabilities a server may support. */
export const ServerCapabilitiesSchema = z.looseObject({
  experimental: z.record(z.string(), Flag).optional(),
  logging: Flag.optional(),
  completions: Flag.optional(),
  prompts: ListChanged.optional(),
  resources: ListChanged.extend({ subscribe: z.boolean().optional() }).optional(),
  tools: ListChanged.optional(),
  tasks: ServerTasksCapabilitySchema.optional(),
});
export type ServerCapabilities = z.infer<typeof ServerCapabilitiesSchema>;

/** Params of `initialize`. */
export const InitializeRequestParamsSchema = RequestParamsSchema.extend({
  protocolVersion: z.string(),
  capabilities: ClientCapabilitiesSchema,
  clientInfo: ImplementationSchema,
});
export type InitializeRequestParams = z.infer<typeof InitializeRequestParamsSchema>;

/** The first request a client sends. */
export const InitializeRequestSchema = methodSchema('initialize', InitializeRequestParamsSchema);
export type InitializeRequest = z.infer<typeof InitializeRequestSchema>;

/** The server's answer to `initialize`. */
export const InitializeResultSchema = ResultSchema.extend({
  protocolVersion: z.string(),
  capabilities: ServerCapabilitiesSchema,
  serverInfo: ImplementationSchema,
  instructions: z.string().optional(),
});
export type InitializeResult = z.infer<typeof InitializeResultSchema>;

/** Sent by the client once initialization is complete. */
export const InitializedNotificationSchema = methodSchema('notifications/initialized', NotificationParamsSchema.optional());
export type InitializedNotification = z.infer<typeof InitializedNotificationSchema>;

/** Checks that the peer is alive; either side may send it. Answered with an empty result. */
export const PingRequestSchema = methodSchema('ping', RequestParamsSchema.optional());
export type PingRequest = z.infer<typeof PingRequestSchema>;
