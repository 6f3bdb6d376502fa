/**
 * @module
 * The unions of every request, notification and result each side sends (MCP 2025-11-25),
 * as `{ method, params }` without the JSON-RPC envelope.
 */
import * as z from 'zod/mini';
import { EmptyResultSchema } from './common.js';
import { CancelledNotificationSchema } from './cancellation.js';
import { CompleteRequestSchema, CompleteResultSchema } from './completion.js';
import { ElicitRequestSchema, ElicitResultSchema, ElicitationCompleteNotificationSchema } from './elicitation.js';
import {
  InitializeRequestSchema,
  InitializeResultSchema,
  InitializedNotificationSchema,
  PingRequestSchema,
} from './lifecycle.js';
import { LoggingMessageNotificationSchema, SetLevelRequestSchema } from './logging.js';
import { ProgressNotificationSchema } from './progress.js';
import {
  GetPromptRequestSchema,
  GetPromptResultSchema,
  ListPromptsRequestSchema,
  ListPromptsResultSchema,
  PromptListChangedNotificationSchema,
} from './prompts.js';
import {
  ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResultSchema,
  ListResourcesRequestSchema,
  ListResourcesResultSchema,
  ReadResourceRequestSchema,
  ReadResourceResultSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from './resources.js';
import { ListRootsRequestSchema, ListRootsResultSchema, RootsListChangedNotificationSchema } from './roots.js';
import { CreateMessageRequestSchema, CreateMessageResultSchema } from './sampling.js';
import {
  CancelTaskRequestSchema,
  CancelTaskResultSchema,
  CreateTaskResultSchema,
  GetTaskPayloadRequestSchema,
  GetTaskRequestSchema,
  GetTaskResultSchema,
  ListTasksRequestSchema,
  ListTasksResultSchema,
  TaskStatusNotificationSchema,
} from './tasks.js';
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ToolListChangedNotificationSchema,
} from './tools.js';

const taskRequests = [
  GetTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  CancelTaskRequestSchema,
  ListTasksRequestSchema,
] as const;

/** Any request a client sends. */
export const ClientRequestSchema = z.discriminatedUnion('method', [
  InitializeRequestSchema,
  PingRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  ListPromptsRequestSchema,
  GetPromptRequestSchema,
  ListToolsRequestSchema,
  CallToolRequestSchema,
  ...taskRequests,
  SetLevelRequestSchema,
  CompleteRequestSchema,
]);
export type ClientRequest = z.infer<typeof ClientRequestSchema>;

/** Any request a server sends. */
export const ServerRequestSchema = z.discriminatedUnion('method', [
  PingRequestSchema,
  ...taskRequests,
  CreateMessageRequestSchema,
  ListRootsRequestSchema,
  ElicitRequestSchema,
]);
export type ServerRequest = z.infer<typeof ServerRequestSchema>;

/** Any notification a client sends. */
export const ClientNotificationSchema = z.discriminatedUnion('method', [
  CancelledNotificationSchema,
  InitializedNotificationSchema,
  ProgressNotificationSchema,
  TaskStatusNotificationSchema,
  RootsListChangedNotificationSchema,
]);
export type ClientNotification = z.infer<typeof ClientNotificationSchema>;

/** Any notification a server sends. */
export const ServerNotificationSchema = z.discriminatedUnion('method', [
  CancelledNotificationSchema,
  ProgressNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  PromptListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  TaskStatusNotificationSchema,
  LoggingMessageNotificationSchema,
  ElicitationCompleteNotificationSchema,
]);
export type ServerNotification = z.infer<typeof ServerNotificationSchema>;

/** Any result a client sends (the most specific match wins; anything else is an empty result). */
export const ClientResultSchema = z.union([
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
  CreateTaskResultSchema,
  GetTaskResultSchema,
  ListTasksResultSchema,
  CancelTaskResultSchema,
  EmptyResultSchema,
]);
export type ClientResult = z.infer<typeof ClientResultSchema>;

/** Any result a server sends (the most specific match wins; anything else is an empty result). */
export const ServerResultSchema = z.union([
  InitializeResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ReadResourceResultSchema,
  ListPromptsResultSchema,
  GetPromptResultSchema,
  ListToolsResultSchema,
  CallToolResultSchema,
  CreateTaskResultSchema,
  GetTaskResultSchema,
  ListTasksResultSchema,
  CancelTaskResultSchema,
  CompleteResultSchema,
  EmptyResultSchema,
]);
export type ServerResult = z.infer<typeof ServerResultSchema>;
