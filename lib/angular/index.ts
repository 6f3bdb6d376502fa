/**
 * @module
 * `rxmcp/angular`: an injector's `McpClient` for Angular apps (Angular is an optional peer
 * dependency), with signals that never throw, kept out of Angular's zone. Its testing helper is
 * `rxmcp/angular/testing`.
 *
 * @example
 * import { provideMcpClient, McpClientService } from 'rxmcp/angular';
 * bootstrapApplication(App, { providers: [provideMcpClient(() => createWebSocketClientTransport('ws://localhost:3000/ws'))] });
 */
export { provideMcpClient } from './provide-mcp-client.js';
export { MCP_CLIENT_CONFIG, McpClientService } from './mcp-client-service.js';
export type { McpClientConfig, McpClientProviderOptions } from './mcp-client-service.js';
export { liveSignal } from './live-state.js';
export type { LiveSignalOptions, LiveState } from './live-state.js';
export { trackToolCall } from './tool-call.js';
export type { ToolCallRef, ToolCallState } from './tool-call.js';
export { outsideZoneScheduler, outsideZoneTransport } from './outside-zone.js';
