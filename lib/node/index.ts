/**
 * @module
 * `rxmcp/node`: Node-only transports (stdio, HTTP, WebSocket servers) and the CLI's pieces.
 */
export {
  createStdioClientTransport,
  createStdioServerTransport,
  DEFAULT_INHERITED_ENV_VARS,
  fromReadable,
  getDefaultEnvironment,
  redirectConsoleToStderr,
} from './stdio/index.js';
export type { StdioClientTransport, StdioClientTransportOptions, StdioServerTransportOptions } from './stdio/index.js';
export { main as runCli } from './cli/main.js';
export { installServer, defaultClaudeConfigPath } from './cli/install.js';
export type { InstallOptions } from './cli/install.js';
export { loadServer } from './cli/load-server.js';
export { runStdio } from './cli/run.js';
