/**
 * @module
 * The lifecycle of an MCP session: capabilities, `initialize`, `notifications/initialized`
 * and `ping` (MCP 2025-11-25).
 */
import * as z from 'zod/mini';
import {
  ImplementationSchema,
  methodSchema,
  NotificationParamsSchema,
  RequestParamsSchema,
  ResultSchema,
} from './common.js';

/** An open capability object: presence means support; keys may be added later. */
const Flag = z.looseObject({});
const ListChanged = z.looseObject({ listChanged: z.optional(z.boolean()) });

/** What a client supports with tasks. */
export const ClientTasksCapabilitySchema = z.looseObject({
  list: z.optional(Flag),
  cancel: z.optional(Flag),
  requests: z.optional(
    z.looseObject({
      sampling: z.optional(z.looseObject({ createMessage: z.optional(Flag) })),
      elicitation: z.optional(z.looseObject({ create: z.optional(Flag) })),
    }),
  ),
});
export type ClientTasksCapability = z.infer<typeof ClientTasksCapabilitySchema>;

/** What a server supports with tasks. */
export const ServerTasksCapabilitySchema = z.looseObject({
  list: z.optional(Flag),
  cancel: z.optional(Flag),
  requests: z.optional(z.looseObject({ tools: z.optional(z.looseObject({ call: z.optional(Flag) })) })),
});
export type ServerTasksCapability = z.infer<typeof ServerTasksCapabilitySchema>;

/** Capabilities a client may support. */
export const ClientCapabilitiesSchema = z.looseObject({
  experimental: z.optional(z.record(z.string(), Flag)),
  roots: z.optional(ListChanged),
  sampling: z.optional(z.looseObject({ context: z.optional(Flag), tools: z.optional(Flag) })),
  /** An empty object means form mode only (backwards compatible). */
  elicitation: z.optional(z.looseObject({ form: z.optional(Flag), url: z.optional(Flag) })),
  tasks: z.optional(ClientTasksCapabilitySchema),
});
export type ClientCapabilities = z.infer<typeof ClientCapabilitiesSchema>;

/** Capabilities a server may support. */
export const ServerCapabilitiesSchema = z.looseObject({
  experimental: z.optional(z.record(z.string(), Flag)),
  logging: z.optional(Flag),
  completions: z.optional(Flag),
  prompts: z.optional(ListChanged),
  resources: z.optional(z.extend(ListChanged, { subscribe: z.optional(z.boolean()) })),
  tools: z.optional(ListChanged),
  tasks: z.optional(ServerTasksCapabilitySchema),
});
export type ServerCapabilities = z.infer<typeof ServerCapabilitiesSchema>;

/** Params of `initialize`. */
export const InitializeRequestParamsSchema = z.extend(RequestParamsSchema, {
  protocolVersion: z.string(),
  capabilities: ClientCapabilitiesSchema,
  clientInfo: ImplementationSchema,
});
export type InitializeRequestParams = z.infer<typeof InitializeRequestParamsSchema>;

/** The first request a client sends. */
export const InitializeRequestSchema = /* @__PURE__ */ methodSchema('initialize', InitializeRequestParamsSchema);
export type InitializeRequest = z.infer<typeof InitializeRequestSchema>;

/** The server's answer to `initialize`. */
export const InitializeResultSchema = z.extend(ResultSchema, {
  protocolVersion: z.string(),
  capabilities: ServerCapabilitiesSchema,
  serverInfo: ImplementationSchema,
  instructions: z.optional(z.string()),
});
export type InitializeResult = z.infer<typeof InitializeResultSchema>;

/** Sent by the client once initialization is complete. */
export const InitializedNotificationSchema = /* @__PURE__ */ methodSchema(
  'notifications/initialized',
  /* @__PURE__ */ z.optional(NotificationParamsSchema),
);
export type InitializedNotification = z.infer<typeof InitializedNotificationSchema>;

/** Checks that the peer is alive; either side may send it. Answered with an empty result. */
export const PingRequestSchema = /* @__PURE__ */ methodSchema('ping', /* @__PURE__ */ z.optional(RequestParamsSchema));
export type PingRequest = z.infer<typeof PingRequestSchema>;
