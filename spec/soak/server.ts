/**
 * The server under soak: an `McpServer` with an `echo` tool (the load) and a `memory` tool (the
 * probe: a full GC, then `process.memoryUsage()`), served over one transport.
 *
 * node --expose-gc --import tsx spec/soak/server.ts stdio|http-json|http-sse|sse|ws
 * Network transports print `listening <port>` on stdout once bound.
 */
import * as z from 'zod';
import { serveMcp } from '../../lib/node/http/index.js';
import { runStdio } from '../../lib/node/cli/run.js';
import { McpServer } from '../../lib/server/mcp-server.js';

const transport = process.argv[2] ?? 'stdio';
const server = new McpServer({ name: 'rxmcp-soak', version: '1.0.0' });
server.tool(
  'echo',
  { description: 'Echoes its text', inputSchema: z.object({ text: z.string() }) },
  ({ text }) => text,
);
server.tool('memory', { description: 'GC, then this process’s memory' }, () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { content: [{ type: 'text', text: JSON.stringify({ heapUsed, rss }) }] };
});

if (transport === 'stdio') {
  await runStdio(server);
} else {
  const running = await serveMcp(server, {
    responseMode: transport === 'http-sse' ? 'sse' : 'lazy',
    sessionIdleTimeout: 60_000,
  });
  process.stdout.write(`listening ${running.port}\n`);
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
}
