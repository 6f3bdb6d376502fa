/**
 * @module
 * The official SDK's bench server: an `McpServer` with the `echo` tool, declared the way the SDK
 * documents (a zod input schema, validated by the SDK on every call).
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ECHO_TOOL } from '../support/common.js';

export function createSdkServer(): McpServer {
  const server = new McpServer({ name: 'sdk-bench', version: '1.0.0' });
  server.registerTool(
    ECHO_TOOL,
    { description: 'Echoes text', inputSchema: { text: z.string() } },
    async ({ text }) => ({
      content: [{ type: 'text', text }],
    }),
  );
  return server;
}
