/**
 * @module
 * The stdio transport of MCP for Node: a server speaking over its own stdin/stdout, and a client
 * running a server as a child process.
 */
export {
  createStdioClientTransport,
  type StdioClientTransport,
  type StdioClientTransportOptions,
} from './client-transport.js';
export { redirectConsoleToStderr } from './console-guard.js';
export { DEFAULT_INHERITED_ENV_VARS, getDefaultEnvironment } from './default-environment.js';
export { fromReadable } from './from-readable.js';
export { createStdioServerTransport, type StdioServerTransportOptions } from './server-transport.js';
