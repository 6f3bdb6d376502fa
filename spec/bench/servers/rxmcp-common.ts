/**
 * @module
 * rxmcp's bench server: an `McpServer` with the `echo` tool, declared with a zod input schema
 * (validated by rxmcp on every call), answering with the same result object as the SDK's.
 * One `McpServer` serves every session of a process (rxmcp's model: one server, many sessions).
 */
import { z } from 'zod';
import { McpServer } from 'rxmcp';
import { ECHO_TOOL } from '../support/common.js';

export function createRxmcpServer(): McpServer {
  const server = new McpServer({ name: 'rxmcp-bench', version: '1.0.0' });
  server.tool(ECHO_TOOL, { description: 'Echoes text', inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
}
