/**
 * @module
 * Method descriptors shared by caller and handler: for each request method its params and
 * result schemas, for each notification method its params schema (vscode-jsonrpc style).
 *
 * `Client…Methods` are what a client sends (a server handles); `Server…Methods` what a server
 * sends (a client handles). `ping` and `tasks/*` go both ways.
 *
 * @example
 * const { params, result } = ClientRequestMethods['tools/call'];
 * const args = params.parse(message.params ?? {}); // handler side
 * const value: ResultOf<'tools/call'> = result.parse(response.result); // caller side
 */
import type * as z from 'zod/mini';
import {
  EmptyResultSchema,
  PaginatedRequestParamsSchema,
  RequestParamsSchema,
  NotificationParamsSchema,
} from './common.js';
import { CancelledNotificationParamsSchema } from './cancellation.js';
import { CompleteRequestParamsSchema, CompleteResultSchema } from './completion.js';
import {
  ElicitRequestParamsSchema,
  ElicitResultSchema,
  ElicitationCompleteNotificationParamsSchema,
} from './elicitation.js';
import { InitializeRequestParamsSchema, InitializeResultSchema } from './lifecycle.js';
import { LoggingMessageNotificationParamsSchema, SetLevelRequestParamsSchema } from './logging.js';
import { ProgressNotificationParamsSchema } from './progress.js';
import { GetPromptRequestParamsSchema, GetPromptResultSchema, ListPromptsResultSchema } from './prompts.js';
import {
  ListResourceTemplatesResultSchema,
  ListResourcesResultSchema,
  ReadResourceRequestParamsSchema,
  ReadResourceResultSchema,
  ResourceUpdatedNotificationParamsSchema,
  SubscribeRequestParamsSchema,
  UnsubscribeRequestParamsSchema,
} from './resources.js';
import { ListRootsResultSchema } from './roots.js';
import { CreateMessageRequestParamsSchema, CreateMessageResultSchema } from './sampling.js';
import {
  CancelTaskResultSchema,
  GetTaskPayloadResultSchema,
  GetTaskResultSchema,
  ListTasksResultSchema,
  TaskIdParamsSchema,
  TaskStatusNotificationParamsSchema,
} from './tasks.js';
import { CallToolRequestParamsSchema, ModernCallToolResultSchema, ModernListToolsResultSchema } from './tools.js';

/** The params and result schemas of one request method. */
export interface RequestDescriptor<P extends z.ZodMiniType = z.ZodMiniType, R extends z.ZodMiniType = z.ZodMiniType> {
  /** Schema of `params`; handlers parse `message.params ?? {}`. */
  readonly params: P;
  /** Schema of the `result` of a successful response. */
  readonly result: R;
}

/** Requests either side may send. */
export const CommonRequestMethods = {
  ping: { params: RequestParamsSchema, result: EmptyResultSchema },
  'tasks/get': { params: TaskIdParamsSchema, result: GetTaskResultSchema },
  'tasks/result': { params: TaskIdParamsSchema, result: GetTaskPayloadResultSchema },
  'tasks/cancel': { params: TaskIdParamsSchema, result: CancelTaskResultSchema },
  'tasks/list': { params: PaginatedRequestParamsSchema, result: ListTasksResultSchema },
} as const satisfies Record<string, RequestDescriptor>;

/** Requests a client sends and a server handles. */
export const ClientRequestMethods = {
  initialize: { params: InitializeRequestParamsSchema, result: InitializeResultSchema },
  ...CommonRequestMethods,
  'resources/list': { params: PaginatedRequestParamsSchema, result: ListResourcesResultSchema },
  'resources/templates/list': { params: PaginatedRequestParamsSchema, result: ListResourceTemplatesResultSchema },
  'resources/read': { params: ReadResourceRequestParamsSchema, result: ReadResourceResultSchema },
  'resources/subscribe': { params: SubscribeRequestParamsSchema, result: EmptyResultSchema },
  'resources/unsubscribe': { params: UnsubscribeRequestParamsSchema, result: EmptyResultSchema },
  'prompts/list': { params: PaginatedRequestParamsSchema, result: ListPromptsResultSchema },
  'prompts/get': { params: GetPromptRequestParamsSchema, result: GetPromptResultSchema },
  // The wider 2026-07-28 tool shapes; a 2025 session's are checked by `toolResultSchemas('legacy')`.
  'tools/list': { params: PaginatedRequestParamsSchema, result: ModernListToolsResultSchema },
  'tools/call': { params: CallToolRequestParamsSchema, result: ModernCallToolResultSchema },
  'logging/setLevel': { params: SetLevelRequestParamsSchema, result: EmptyResultSchema },
  'completion/complete': { params: CompleteRequestParamsSchema, result: CompleteResultSchema },
} as const satisfies Record<string, RequestDescriptor>;

/** Requests a server sends and a client handles. */
export const ServerRequestMethods = {
  ...CommonRequestMethods,
  'sampling/createMessage': { params: CreateMessageRequestParamsSchema, result: CreateMessageResultSchema },
  'elicitation/create': { params: ElicitRequestParamsSchema, result: ElicitResultSchema },
  'roots/list': { params: RequestParamsSchema, result: ListRootsResultSchema },
} as const satisfies Record<string, RequestDescriptor>;

/** Every request method, either direction. */
export const RequestMethods = { ...ClientRequestMethods, ...ServerRequestMethods } as const;

/**
 * Requests that may carry `params.task` and then answer with a `CreateTaskResult`
 * (see `CreateTaskResultSchema`) instead of the descriptor's `result`.
 */
export const TASK_AUGMENTABLE_METHODS = ['tools/call', 'sampling/createMessage', 'elicitation/create'] as const;

/**
 * Whether a request of `method` sent with `params` is task-augmented: a task-augmentable method
 * with `params.task` set, answered with a `CreateTaskResult`.
 *
 * @example
 * isTaskAugmented('tools/call', { name: 'build', task: { ttl: 60_000 } }); // true
 */
export function isTaskAugmented(method: string, params: unknown): boolean {
  return (
    typeof params === 'object' &&
    params !== null &&
    (params as { task?: unknown }).task !== undefined &&
    (TASK_AUGMENTABLE_METHODS as readonly string[]).includes(method)
  );
}

/** Notifications either side may send: method → params schema. */
export const CommonNotificationMethods = {
  'notifications/cancelled': CancelledNotificationParamsSchema,
  'notifications/progress': ProgressNotificationParamsSchema,
  'notifications/tasks/status': TaskStatusNotificationParamsSchema,
} as const satisfies Record<string, z.ZodMiniType>;

/** Notifications a client sends: method → params schema. */
export const ClientNotificationMethods = {
  ...CommonNotificationMethods,
  'notifications/initialized': NotificationParamsSchema,
  'notifications/roots/list_changed': NotificationParamsSchema,
} as const satisfies Record<string, z.ZodMiniType>;

/** Notifications a server sends: method → params schema. */
export const ServerNotificationMethods = {
  ...CommonNotificationMethods,
  'notifications/message': LoggingMessageNotificationParamsSchema,
  'notifications/resources/updated': ResourceUpdatedNotificationParamsSchema,
  'notifications/resources/list_changed': NotificationParamsSchema,
  'notifications/prompts/list_changed': NotificationParamsSchema,
  'notifications/tools/list_changed': NotificationParamsSchema,
  'notifications/elicitation/complete': ElicitationCompleteNotificationParamsSchema,
} as const satisfies Record<string, z.ZodMiniType>;

/** Every notification method, either direction. */
export const NotificationMethods = { ...ClientNotificationMethods, ...ServerNotificationMethods } as const;

export type ClientRequestMethod = keyof typeof ClientRequestMethods;
export type ServerRequestMethod = keyof typeof ServerRequestMethods;
export type RequestMethod = keyof typeof RequestMethods;
export type ClientNotificationMethod = keyof typeof ClientNotificationMethods;
export type ServerNotificationMethod = keyof typeof ServerNotificationMethods;
export type NotificationMethod = keyof typeof NotificationMethods;

/** Params a caller sends with request `M` (schema input). */
export type ParamsOf<M extends RequestMethod> = z.input<(typeof RequestMethods)[M]['params']>;
/** Params a handler of request `M` receives after parsing (schema output). */
export type ParsedParamsOf<M extends RequestMethod> = z.output<(typeof RequestMethods)[M]['params']>;
/** Result a caller of request `M` receives after parsing (schema output). */
export type ResultOf<M extends RequestMethod> = z.output<(typeof RequestMethods)[M]['result']>;
/** Result a handler of request `M` returns (schema input). */
export type ResultInputOf<M extends RequestMethod> = z.input<(typeof RequestMethods)[M]['result']>;
/** Params of notification `M` as sent (schema input). */
export type NotificationParamsOf<M extends NotificationMethod> = z.input<(typeof NotificationMethods)[M]>;
/** Params of notification `M` after parsing (schema output). */
export type ParsedNotificationParamsOf<M extends NotificationMethod> = z.output<(typeof NotificationMethods)[M]>;

/**
 * A `params` argument list that is optional when every field is: `(method, ...params: ParamsArgs<M>)`.
 *
 * @example
 * declare function request<M extends RequestMethod>(method: M, ...params: ParamsArgs<M>): void;
 * request('tools/list'); request('tools/call', { name: 'echo' });
 */
export type ParamsArgs<M extends RequestMethod> =
  {} extends ParamsOf<M> ? [params?: ParamsOf<M>] : [params: ParamsOf<M>];
/** Like {@link ParamsArgs}, for notifications. */
export type NotificationParamsArgs<M extends NotificationMethod> =
  {} extends NotificationParamsOf<M> ? [params?: NotificationParamsOf<M>] : [params: NotificationParamsOf<M>];

/**
 * The entry of `map` for `method`, or `undefined` for an unknown method (`-32601`).
 * Own keys only, so `'constructor'` or `'__proto__'` are unknown too.
 *
 * @example
 * const descriptor = methodDescriptor(ClientRequestMethods, message.method);
 * if (!descriptor) return reply(-32601);
 */
export function methodDescriptor<T extends object>(map: T, method: string): T[keyof T] | undefined {
  return Object.prototype.hasOwnProperty.call(map, method) ? (map as Record<string, T[keyof T]>)[method] : undefined;
}
