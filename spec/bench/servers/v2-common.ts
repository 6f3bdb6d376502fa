/**
 * @module
 * The official SDK v2's bench server (`@modelcontextprotocol/server`): an `McpServer` with the
 * `echo` tool and a zod input schema, made by a factory as v2's serving entries want (one instance
 * per HTTP request, one per stdio connection).
 */
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { ECHO_TOOL } from '../support/common.js';

export function createV2Server(): McpServer {
  const server = new McpServer({ name: 'v2-bench', version: '1.0.0' });
  server.registerTool(
    ECHO_TOOL,
    { description: 'Echoes text', inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => ({
      content: [{ type: 'text', text }],
    }),
  );
  return server;
}
