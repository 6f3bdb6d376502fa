/**
 * @module
 * `McpClient` and the pieces it is made of: the shared connection, live lists, resource
 * watches, tool-result validation and the handlers of server→client requests.
 */
export { McpClient, DEFAULT_CLIENT_INFO } from './mcp-client.js';
export type {
  CallOptions,
  CallToolEvent,
  InputRoundEvent,
  ClientHandlers,
  ClientState,
  ElicitationHandler,
  LogEvent,
  McpClientOptions,
  RootsHandler,
  SamplingHandler,
  ToolResultEvent,
} from './client-api.js';
export type { CallToolParams } from './call-tool.js';
export type { ClientMethod, RequestArgs, RequestCallOptions, TypedResponse } from './typed-request.js';
export { applyElicitationDefaults } from './elicitation-defaults.js';
export { deriveCapabilities } from './client-handlers.js';
export { OutputSchemaValidator } from './output-schema.js';
export { getSkill, listSkills, loadSkill, readSkillFile } from './skills/skill-reader.js';
export type { LoadedSkill, SkillFileContent } from './skills/skill-reader.js';
export type { TaskCallOptions } from './tasks/call-tool-task.js';
export type { TaskState, ToolTaskEvent } from './tasks/task-state.js';
export type { Era, VersionNegotiation } from './modern/negotiate.js';
export { createResultCache, ResultCache } from './modern/result-cache.js';
export type { ResultCacheOptions } from './modern/result-cache.js';
