/**
 * @module
 * The server side of rxmcp: `McpServer` and the types of its tools, resources, prompts,
 * completions and handler context.
 */
export { McpServer } from './mcp-server.js';
export type { McpServerOptions } from './mcp-server-options.js';
export type { SharedServerState } from './mcp-server-options.js';
export { createInMemoryEventBus } from './modern/event-bus.js';
export type { EventBus, ServerEvent } from './modern/event-bus.js';
export type { RequestStateKey, RequestStateOptions } from './modern/request-state.js';
export type { RequestFacts, HeaderReader } from './modern/envelope.js';
export type { ModernReply } from './modern/serve-modern-request.js';
export type { ConnectableServer, ConnectOptions, ServerTransportInfo } from './connectable.js';
export { parseSessionSnapshot, type SessionSnapshot, type SessionStore } from './session-snapshot.js';
export { serveEitherEra } from './serve-either-era.js';
export type { ClientDetails, ContextRequestOptions, HttpRequestDetails, ServerContext } from './context.js';
export { isPeerRequestError } from './context.js';
export type { HandlerOutcome } from './handler-outcome.js';
export type { RegisteredHandle } from './registry.js';
export type {
  RegisteredTool,
  ToolArguments,
  ToolConfig,
  ToolHandler,
  ToolResult,
  ToolResultObject,
  ToolStructuredContent,
  ToolTaskOptions,
  ToolUpdate,
} from './tools.js';
export { compileSchema, isZodSchema } from './json-schema.js';
export type {
  CompiledSchema,
  InferSchema,
  InferSchemaInput,
  JsonSchemaAny,
  JsonSchemaObject,
  ToolOutputSchemaLike,
  ToolSchemaLike,
  Validation,
} from './json-schema.js';
export type {
  RegisteredResource,
  RegisteredResourceTemplate,
  ResourceConfig,
  ResourceHandler,
  ResourceReadResult,
  ResourceTemplateConfig,
  ResourceTemplateHandler,
  ResourceTemplateUpdate,
  ResourceUpdate,
} from './resources.js';
export { UriTemplate } from './uri-template.js';
export type { TemplateVariables, UriVariableName, UriVariables } from './uri-template.js';
export type {
  PromptArgumentName,
  PromptArguments,
  PromptArgumentsLike,
  PromptConfig,
  PromptHandler,
  PromptUpdate,
  RegisteredPrompt,
} from './prompts.js';
export { MAX_COMPLETION_VALUES } from './completion.js';
export type { CompletionCallback, CompletionContext } from './completion.js';
export { decodeCursor, encodeCursor, paginate } from './pagination.js';
export type { Page } from './pagination.js';
export type { ListKind } from './list-changed.js';
export { createSessionBudget, DEFAULT_LIMITS, LIMIT_EXCEEDED, resolveLimits } from './limits.js';
export type { Limits, ResolvedLimits, SessionBudget } from './limits.js';
export { runAsTask, RELATED_TASK_META } from './tasks/run-as-task.js';
export type { TaskContinuation } from './tasks/run-as-task.js';
export { TaskRunner } from './tasks/task-runner.js';
export type { TaskNotify, TaskRunnerOptions, TaskStart, TaskWork } from './tasks/task-runner.js';
export { TaskInputs } from './tasks/task-inputs.js';
export { createInMemoryTaskStore } from './tasks/in-memory-task-store.js';
export type { TaskPage, TaskRecord, TaskStore } from './tasks/task-store.js';
export type { SharedTasks, TaskBus, TaskSignal } from './tasks/task-bus.js';
