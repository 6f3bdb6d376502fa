/**
 * @module
 * `rxmcp`: the isomorphic entry (browser-safe) — the client, the server, the transports, the
 * errors, the engine users compose, and their types. Every schema and wire type of the protocol
 * is in `rxmcp/protocol`; OAuth in `rxmcp/auth`; Node-only pieces (stdio, HTTP and WebSocket hosting) in `rxmcp/node`;
 * test helpers in `rxmcp/testing`.
 *
 * @example
 * import { McpClient, createStreamableHttpClientTransport } from 'rxmcp';
 * const client = new McpClient(() => createStreamableHttpClientTransport(new URL('http://localhost:3000/mcp')));
 * client.listTools().subscribe((tools) => console.log(tools.map((tool) => tool.name)));
 */

// The client.
export { McpClient } from './client/mcp-client.js';
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
} from './client/client-api.js';
export type { CallToolParams } from './client/call-tool.js';
export { createResultCache, ResultCache } from './client/modern/result-cache.js';
export type { ResultCacheOptions } from './client/modern/result-cache.js';
export type { ClientMethod } from './client/typed-request.js';

// The server.
export { McpServer } from './server/mcp-server.js';
export type { McpServerOptions } from './server/mcp-server-options.js';
export { serveEitherEra } from './server/serve-either-era.js';
export type { ConnectOptions } from './server/connectable.js';
export { isPeerRequestError } from './server/context.js';
export type { ClientDetails, ContextRequestOptions, ServerContext } from './server/context.js';
export type { RegisteredTool, ToolConfig, ToolHandler, ToolResult, ToolUpdate } from './server/tools.js';
export type { JsonSchemaAny, JsonSchemaObject, ToolOutputSchemaLike, ToolSchemaLike } from './server/json-schema.js';
export type {
  RegisteredResource,
  RegisteredResourceTemplate,
  ResourceConfig,
  ResourceHandler,
  ResourceTemplateConfig,
  ResourceTemplateHandler,
} from './server/resources.js';
export type { PromptConfig, PromptHandler, RegisteredPrompt } from './server/prompts.js';
export type { CompletionCallback } from './server/completion.js';
export { UriTemplate } from './server/uri-template.js';
export { createInMemoryEventBus } from './server/modern/event-bus.js';
export type { EventBus, ServerEvent } from './server/modern/event-bus.js';
export type { RequestStateOptions } from './server/modern/request-state.js';
export { createMcpFetchHandler } from './server/http/fetch-handler.js';
export type { ExecutionContextLike, McpFetchHandler, McpFetchHandlerOptions } from './server/http/fetch-handler.js';

// Transports.
export type { Transport, TransportHealth, TransportInfo } from './transport/transport.js';
export type { OutboundMessage } from './transport/related-request.js';
export { messageOf } from './transport/related-request.js';
export { createMemoryTransportPair } from './transport/memory.js';
export { createSseClientTransport, createStreamableHttpClientTransport } from './transport/http/index.js';
export type {
  FetchLike,
  ReconnectOptions,
  SseClientTransportOptions,
  StreamableHttpClientTransportOptions,
} from './transport/http/index.js';
export { createWebSocketClientTransport } from './transport/websocket/index.js';
export type { WebSocketClientTransportOptions } from './transport/websocket/index.js';

// Errors.
export { ErrorCode, isMcpError, McpError } from './protocol/errors.js';
export type { McpErrorKind } from './protocol/errors.js';

// The engine: sessions and the operators they are built from.
export { createSession } from './session/session.js';
export type { Session, SessionOptions } from './session/session.js';
export { createClientSession } from './session/client-session.js';
export type { ClientSession } from './session/client-session.js';
export { createServerSession } from './session/server-session.js';
export type { ServerSession } from './session/server-session.js';
export { ofMethod } from './session/of-method.js';
export type { HandlerContext, HandlerEvent, RequestHandler, RequestOptions } from './session/session-api.js';

// Authorization (all of it: `rxmcp/auth`).
export {
  authorizationCodeGrant,
  browserPopup,
  completeBrowserPopup,
  createOAuthClient,
  memoryCredentialStore,
} from './auth/client/index.js';
export type { OAuthClientOptions } from './auth/client/index.js';
export type { HttpAuthProvider } from './transport/http/index.js';
export { createResourceGuard, introspectionVerifier, jwtVerifier } from './auth/server/index.js';
export type { AuthInfo, ResourceGuard, ResourceGuardOptions, TokenVerifier } from './auth/server/index.js';

// JSON Schema engines.
export { ajvJsonSchemaValidator } from './schema/ajv-validator.js';
export { defaultJsonSchemaValidator } from './schema/default-validator.js';
export type { JsonSchemaValidator } from './schema/json-schema-validator.js';

// The protocol types user code names most (all of them: `rxmcp/protocol`).
export { LATEST_PROTOCOL_VERSION, MODERN_PROTOCOL_VERSION } from './protocol/index.js';
export type {
  CallToolResult,
  ClientCapabilities,
  ContentBlock,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  GetPromptResult,
  Implementation,
  JSONRPCMessage,
  LoggingLevel,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  ServerCapabilities,
  Tool,
} from './protocol/index.js';
