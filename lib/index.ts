/**
 * @module
 * `rxmcp`: the isomorphic entry (browser-safe). Node-only pieces live in `rxmcp/node`,
 * test helpers in `rxmcp/testing`.
 *
 * @example
 * import { McpClient, createStreamableHttpClientTransport } from 'rxmcp';
 * const client = new McpClient(() => createStreamableHttpClientTransport(new URL('http://localhost:3000/mcp')));
 * client.listTools().subscribe((tools) => console.log(tools.map((tool) => tool.name)));
 */
export * from './protocol/index.js';
export * from './transport/index.js';
export * from './session/index.js';
export * from './server/index.js';
export * from './client/index.js';
export * from './server/http/index.js';
