/**
 * @module
 * `rxmcp/angular/testing`: a fake server for specs of components and services that use
 * `McpClientService` (like Angular's `HttpTestingController`).
 */
export { McpTestingController, provideMcpTesting, TestMcpRequest } from './testing-controller.js';
export type { McpTestingOptions } from './testing-controller.js';
