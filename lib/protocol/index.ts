/**
 * @module
 * `lib/protocol`: pure MCP data (no rxjs, no I/O): JSON-RPC messages, error codes, versions,
 * zod schemas of every MCP 2025-11-25 request, result and notification, method descriptors
 * and capability checks. Each schema `XxxSchema` has an inferred type `Xxx`.
 */
export {
  JSONRPC_VERSION, RequestIdSchema, ProgressTokenSchema, MetaSchema, ParamsSchema, JSONRPCRequestSchema,
  JSONRPCNotificationSchema, JSONRPCResultResponseSchema, JSONRPCErrorObjectSchema,
  JSONRPCErrorResponseSchema, JSONRPCMessageSchema, isJSONRPCMessage, isJSONRPCRequest,
  isJSONRPCNotification, isJSONRPCResultResponse, isJSONRPCErrorResponse, isJSONRPCResponse, errorResponse,
} from './jsonrpc.js';
export type {
  RequestId, ProgressToken, Params, JSONRPCRequest, JSONRPCNotification, JSONRPCResultResponse,
  JSONRPCErrorObject, JSONRPCErrorResponse, JSONRPCResponse, JSONRPCMessage,
} from './jsonrpc.js';
export {
  ErrorCode, McpError, isMcpError, asMcpError,
} from './errors.js';
export type {
  McpErrorKind, McpErrorOptions,
} from './errors.js';
export {
  LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  negotiateProtocolVersion,
} from './versions.js';
export {
  MODERN_PROTOCOL_VERSION, MODERN_PROTOCOL_VERSIONS, MetaKey, RequestEnvelopeSchema, InputResponsesSchema,
  SubscriptionFilterSchema, ListenParamsSchema, REMOVED_METHODS, MRTR_METHODS, isModernMessage,
  DiscoverResultSchema,
} from './modern.js';
export type {
  DiscoverResult, RequestEnvelope, InputResponses, InputRequest, SubscriptionFilter, CacheScope, CacheHints,
} from './modern.js';
export {
  readHeaderParams, encodeHeaderValue, valueAtPath,
} from './header-params.js';
export type {
  HeaderParam, HeaderParamsReading,
} from './header-params.js';
export {
  withFastPath, isPlainCallToolParams, isPlainCallToolResult, isJsonObject, isPlainRequestEnvelope,
} from './fast-path.js';
export type {
  SafeParser,
} from './fast-path.js';
export {
  RELATED_TASK_META_KEY, MetaObjectSchema, RelatedTaskMetadataSchema, RequestMetaSchema, RequestParamsSchema,
  NotificationParamsSchema, ResultSchema, EmptyResultSchema, CursorSchema, PaginatedRequestParamsSchema,
  PaginatedResultSchema, Base64Schema, RoleSchema, AnnotationsSchema, IconSchema, IconsSchema,
  BaseMetadataSchema, ImplementationSchema, methodSchema,
} from './common.js';
export type {
  MetaObject, RelatedTaskMetadata, RequestMeta, RequestParams, NotificationParams, Result, EmptyResult,
  Cursor, PaginatedRequestParams, PaginatedResult, Role, Annotations, Icon, Icons, BaseMetadata,
  Implementation,
} from './common.js';
export {
  ResourceContentsSchema, TextResourceContentsSchema, BlobResourceContentsSchema,
  ResourceContentsUnionSchema, TextContentSchema, ImageContentSchema, AudioContentSchema, ResourceLinkSchema,
  EmbeddedResourceSchema, ContentBlockSchema, ToolUseContentSchema, ToolResultContentSchema,
  SamplingMessageContentBlockSchema, SamplingContentSchema,
} from './content.js';
export type {
  ResourceContents, TextResourceContents, BlobResourceContents, ResourceContentsUnion, TextContent,
  ImageContent, AudioContent, ResourceLink, EmbeddedResource, ContentBlock, ToolUseContent,
  ToolResultContent, SamplingMessageContentBlock, SamplingContent,
} from './content.js';
export {
  ClientTasksCapabilitySchema, ServerTasksCapabilitySchema, ClientCapabilitiesSchema,
  ServerCapabilitiesSchema, InitializeRequestParamsSchema, InitializeRequestSchema, InitializeResultSchema,
  InitializedNotificationSchema, PingRequestSchema,
} from './lifecycle.js';
export type {
  ClientTasksCapability, ServerTasksCapability, ClientCapabilities, ServerCapabilities,
  InitializeRequestParams, InitializeRequest, InitializeResult, InitializedNotification, PingRequest,
} from './lifecycle.js';
export {
  ProgressNotificationParamsSchema, ProgressNotificationSchema,
} from './progress.js';
export type {
  ProgressNotificationParams, ProgressNotification,
} from './progress.js';
export {
  CancelledNotificationParamsSchema, CancelledNotificationSchema, cancelledRequestId,
} from './cancellation.js';
export type {
  CancelledNotificationParams, CancelledNotification,
} from './cancellation.js';
export {
  ToolJsonSchemaSchema, ToolAnnotationsSchema, ToolExecutionSchema, ToolSchema, ListToolsRequestSchema,
  ListToolsResultSchema, CallToolRequestParamsSchema, CallToolRequestSchema, CallToolResultSchema,
  ToolListChangedNotificationSchema, AnyJsonSchemaSchema, ModernToolSchema, ModernListToolsResultSchema,
  ModernCallToolResultSchema,
} from './tools.js';
export type {
  AnyJsonSchema, ToolJsonSchema, ToolAnnotations, ToolExecution, Tool, ListToolsRequest, ListToolsResult,
  CallToolRequestParams, CallToolRequest, CallToolResult, ToolListChangedNotification,
} from './tools.js';
export { toolResultSchemas } from './modern-tools.js';
export type { ToolEra, ToolResultSchemas } from './modern-tools.js';
export {
  ResourceSchema, ResourceTemplateSchema, ListResourcesRequestSchema, ListResourcesResultSchema,
  ListResourceTemplatesRequestSchema, ListResourceTemplatesResultSchema, ResourceRequestParamsSchema,
  ReadResourceRequestParamsSchema, ReadResourceRequestSchema, ReadResourceResultSchema,
  SubscribeRequestParamsSchema, SubscribeRequestSchema, UnsubscribeRequestParamsSchema,
  UnsubscribeRequestSchema, ResourceUpdatedNotificationParamsSchema, ResourceUpdatedNotificationSchema,
  ResourceListChangedNotificationSchema,
} from './resources.js';
export type {
  Resource, ResourceTemplate, ListResourcesRequest, ListResourcesResult, ListResourceTemplatesRequest,
  ListResourceTemplatesResult, ResourceRequestParams, ReadResourceRequestParams, ReadResourceRequest,
  ReadResourceResult, SubscribeRequestParams, SubscribeRequest, UnsubscribeRequestParams, UnsubscribeRequest,
  ResourceUpdatedNotificationParams, ResourceUpdatedNotification, ResourceListChangedNotification,
} from './resources.js';
export {
  PromptArgumentSchema, PromptSchema, ListPromptsRequestSchema, ListPromptsResultSchema,
  GetPromptRequestParamsSchema, GetPromptRequestSchema, PromptMessageSchema, GetPromptResultSchema,
  PromptListChangedNotificationSchema,
} from './prompts.js';
export type {
  PromptArgument, Prompt, ListPromptsRequest, ListPromptsResult, GetPromptRequestParams, GetPromptRequest,
  PromptMessage, GetPromptResult, PromptListChangedNotification,
} from './prompts.js';
export {
  PromptReferenceSchema, ResourceTemplateReferenceSchema, CompleteRequestParamsSchema, CompleteRequestSchema,
  CompleteResultSchema,
} from './completion.js';
export type {
  PromptReference, ResourceTemplateReference, CompleteRequestParams, CompleteRequest, CompleteResult,
} from './completion.js';
export {
  LOGGING_LEVELS, LoggingLevelSchema, isLoggingLevelEnabled, SetLevelRequestParamsSchema,
  SetLevelRequestSchema, LoggingMessageNotificationParamsSchema, LoggingMessageNotificationSchema,
} from './logging.js';
export type {
  LoggingLevel, SetLevelRequestParams, SetLevelRequest, LoggingMessageNotificationParams,
  LoggingMessageNotification,
} from './logging.js';
export {
  ModelHintSchema, ModelPreferencesSchema, ToolChoiceSchema, SamplingMessageSchema,
  CreateMessageRequestParamsSchema, CreateMessageRequestSchema, CreateMessageResultSchema,
} from './sampling.js';
export type {
  ModelHint, ModelPreferences, ToolChoice, SamplingMessage, CreateMessageRequestParams, CreateMessageRequest,
  CreateMessageResult,
} from './sampling.js';
export {
  StringSchemaSchema, NumberSchemaSchema, BooleanSchemaSchema, UntitledSingleSelectEnumSchemaSchema,
  TitledSingleSelectEnumSchemaSchema, LegacyTitledEnumSchemaSchema, UntitledMultiSelectEnumSchemaSchema,
  TitledMultiSelectEnumSchemaSchema, SingleSelectEnumSchemaSchema, MultiSelectEnumSchemaSchema,
  EnumSchemaSchema, PrimitiveSchemaDefinitionSchema, ElicitRequestFormParamsSchema,
  ElicitRequestURLParamsSchema, ElicitRequestParamsSchema, ElicitRequestSchema, ElicitValueSchema,
  ElicitResultSchema, ElicitationCompleteNotificationParamsSchema, ElicitationCompleteNotificationSchema,
  UrlElicitationRequiredErrorDataSchema,
} from './elicitation.js';
export type {
  StringSchema, NumberSchema, BooleanSchema, UntitledSingleSelectEnumSchema, TitledSingleSelectEnumSchema,
  LegacyTitledEnumSchema, UntitledMultiSelectEnumSchema, TitledMultiSelectEnumSchema, SingleSelectEnumSchema,
  MultiSelectEnumSchema, EnumSchema, PrimitiveSchemaDefinition, ElicitRequestFormParams,
  ElicitRequestURLParams, ElicitRequestParams, ElicitRequest, ElicitValue, ElicitResult,
  ElicitationCompleteNotificationParams, ElicitationCompleteNotification, UrlElicitationRequiredErrorData,
} from './elicitation.js';
export {
  RootSchema, ListRootsRequestSchema, ListRootsResultSchema, RootsListChangedNotificationSchema,
} from './roots.js';
export type {
  Root, ListRootsRequest, ListRootsResult, RootsListChangedNotification,
} from './roots.js';
export {
  TaskMetadataSchema, TaskAugmentedRequestParamsSchema, TaskStatusSchema, TaskSchema, CreateTaskResultSchema,
  TaskIdParamsSchema, GetTaskRequestSchema, GetTaskResultSchema, GetTaskPayloadRequestSchema,
  GetTaskPayloadResultSchema, CancelTaskRequestSchema, CancelTaskResultSchema, ListTasksRequestSchema,
  ListTasksResultSchema, TaskStatusNotificationParamsSchema, TaskStatusNotificationSchema,
} from './tasks.js';
export type {
  TaskMetadata, TaskAugmentedRequestParams, TaskStatus, Task, CreateTaskResult, TaskIdParams, GetTaskRequest,
  GetTaskResult, GetTaskPayloadRequest, GetTaskPayloadResult, CancelTaskRequest, CancelTaskResult,
  ListTasksRequest, ListTasksResult, TaskStatusNotificationParams, TaskStatusNotification,
} from './tasks.js';
export {
  TASKS_EXTENSION, TASK_EXTENSION_METHODS, TERMINAL_TASK_STATUSES, TaskHandleParamsSchema, UpdateTaskParamsSchema,
  declaresExtension, DetailedTaskSchema, withExtension,
} from './tasks-extension.js';
export type { UpdateTaskParams, ExtensionTask, DetailedTask } from './tasks-extension.js';
export {
  SKILLS_EXTENSION, SKILL_FILE, DIRECTORY_MIME_TYPE, SKILL_META_PREFIX, SKILL_NAME_PATTERN, SkillResourceSchema,
  SkillEntrySchema, ListSkillsParamsSchema, ListSkillsResultSchema, GetSkillParamsSchema, GetSkillResultSchema,
  DirectoryReadParamsSchema, skillRootOf,
} from './skills.js';
export type { SkillResource, SkillEntry, ListSkillsResult, GetSkillResult } from './skills.js';
export {
  ClientRequestSchema, ServerRequestSchema, ClientNotificationSchema, ServerNotificationSchema,
  ClientResultSchema, ServerResultSchema,
} from './messages.js';
export type {
  ClientRequest, ServerRequest, ClientNotification, ServerNotification, ClientResult, ServerResult,
} from './messages.js';
export {
  CommonRequestMethods, ClientRequestMethods, ServerRequestMethods, RequestMethods, TASK_AUGMENTABLE_METHODS, isTaskAugmented,
  CommonNotificationMethods, ClientNotificationMethods, ServerNotificationMethods, NotificationMethods,
  methodDescriptor,
} from './methods.js';
export type {
  RequestDescriptor, ClientRequestMethod, ServerRequestMethod, RequestMethod, ClientNotificationMethod,
  ServerNotificationMethod, NotificationMethod, ParamsOf, ParsedParamsOf, ResultOf, ResultInputOf,
  NotificationParamsOf, ParsedNotificationParamsOf, ParamsArgs, NotificationParamsArgs,
} from './methods.js';
export {
  requiredCapability, requiredCapabilities, hasCapability, missingCapability,
} from './capabilities.js';
export type {
  CapabilityPath,
} from './capabilities.js';
