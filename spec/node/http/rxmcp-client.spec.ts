// rxmcp end to end: McpClient over rxmcp's client transports, McpServer behind serveMcp.
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import * as z from 'zod';
import { McpClient } from '../../../lib/client/index.js';
import {
  createNodeSseClientTransport,
  createNodeStreamableHttpClientTransport,
  createNodeWebSocketClientTransport,
} from '../../../lib/node/clients/index.js';
import { serveMcp, type McpHttpServer } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/index.js';
import type { Transport } from '../../../lib/transport/transport.js';
import { createSseClientTransport, createStreamableHttpClientTransport } from '../../../lib/transport/http/index.js';
import { until } from '../../support/until.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('McpClient ↔ McpServer over the Node hosting', () => {
  let running: McpHttpServer;
  let server: McpServer;

  beforeEach(async () => {
    server = new McpServer({ name: 'e2e', version: '1.0.0' });
    server.tool(
      'work',
      { description: 'Progress then a result', inputSchema: z.object({ steps: z.number() }) },
      async ({ steps }, ctx) => {
        for (let step = 1; step <= steps; step++) {
          ctx.progress(step, steps);
          ctx.log('info', `step ${step}`);
          await sleep(2);
        }
        return `did ${steps}`;
      },
    );
    server.tool('roots', { description: 'Asks for roots' }, async (_args, ctx) => {
      const { roots } = await firstValueFrom(ctx.listRoots());
      return roots.map((root) => root.uri).join(',');
    });
    running = await serveMcp(server);
  });
  afterEach(() => running.close());

  const transports: [string, () => () => Transport][] = [
    ['Streamable HTTP', () => () => createStreamableHttpClientTransport(`${running.url}/mcp`)],
    ['legacy HTTP+SSE', () => () => createSseClientTransport(`${running.url}/sse`)],
    ['Streamable HTTP on node:http', () => () => createNodeStreamableHttpClientTransport(`${running.url}/mcp`)],
    ['legacy HTTP+SSE on node:http', () => () => createNodeSseClientTransport(`${running.url}/sse`)],
    ['WebSocket', () => () => createNodeWebSocketClientTransport(`${running.url.replace('http', 'ws')}/ws`)],
  ];

  it.each(transports)('calls tools with progress, logs and roots over %s', async (_name, factory) => {
    const client = new McpClient(factory(), { handlers: { roots: () => [{ uri: 'file:///e2e' }] } });
    const connection = client.connect();
    try {
      const events = await lastValueFrom(
        client.callTool({ name: 'work', arguments: { steps: 2 } }, { observe: 'events' }).pipe(toArray()),
      );
      expect(events.map((event) => event.type)).toEqual(['progress', 'log', 'progress', 'log', 'result']);
      expect(events.at(-1)).toEqual({ type: 'result', result: { content: [{ type: 'text', text: 'did 2' }] } });
      await expect(firstValueFrom(client.callTool({ name: 'roots', arguments: {} }))).resolves.toEqual({
        content: [{ type: 'text', text: 'file:///e2e' }],
      });
      expect(server.sessionCount).toBe(1);
    } finally {
      connection.unsubscribe();
    }
    await until(() => server.sessionCount === 0, 'the session to end');
  });
});
