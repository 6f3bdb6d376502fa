// rxmcp's own McpServer behind every hosting transport, driven by the official SDK's clients.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import type { Transport as SdkTransport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { map } from 'rxjs';
import * as z from 'zod';
import { serveMcp, type McpHttpServer, type ServeMcpOptions } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/index.js';
import { lendGlobalWebSocket } from '../../support/global-websocket.js';
import { until } from '../../support/until.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
lendGlobalWebSocket();

function createServer() {
  const server = new McpServer({ name: 'real-server', version: '1.0.0' });
  server.tool(
    'work',
    { description: 'Reports progress and logs', inputSchema: z.object({ steps: z.number() }) },
    async ({ steps }, ctx) => {
      for (let step = 1; step <= steps; step++) {
        ctx.progress(step, steps);
        ctx.log('info', `step ${step}`);
        await sleep(5);
      }
      return `did ${steps}`;
    },
  );
  server.tool('roots', { description: 'Asks the client for its roots' }, (_args, ctx) =>
    ctx.listRoots().pipe(map((result) => result.roots.map((root) => root.uri).join(','))),
  );
  server.tool('whoami', { description: 'The transport session id' }, (_args, ctx) => ctx.sessionId ?? 'none');
  return server;
}

async function connect(transport: SdkTransport) {
  const client = new Client({ name: 'sdk', version: '1.0.0' }, { capabilities: { roots: {} } });
  const logs: string[] = [];
  const listChanged: unknown[] = [];
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri: 'file:///real' }] }));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(String(n.params.data)));
  client.setNotificationHandler(ToolListChangedNotificationSchema, (n) => void listChanged.push(n));
  await client.connect(transport);
  return { client, logs, listChanged };
}

const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0]!.text;

describe('McpServer over HTTP and WebSocket', () => {
  let running: McpHttpServer | undefined;
  let server: McpServer;
  const clients: Client[] = [];
  const start = async (options: ServeMcpOptions = {}) => {
    server = createServer();
    running = await serveMcp(server, { retryInterval: 50, ...options });
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await running?.close();
    running = undefined;
  });

  const transports: [string, () => SdkTransport][] = [
    ['Streamable HTTP', () => new StreamableHTTPClientTransport(new URL(`${running!.url}/mcp`))],
    ['legacy HTTP+SSE', () => new SSEClientTransport(new URL(`${running!.url}/sse`))],
    ['WebSocket', () => new WebSocketClientTransport(new URL(`${running!.url.replace('http', 'ws')}/ws`))],
  ];

  it.each(transports)('serves tools with progress, logs and a roots/list round trip over %s', async (_name, make) => {
    await start();
    const { client, logs } = await connect(make());
    clients.push(client);
    const progress: unknown[] = [];
    const result = await client.callTool({ name: 'work', arguments: { steps: 3 } }, undefined, {
      onprogress: (p) => progress.push(p),
    });
    expect(textOf(result)).toBe('did 3');
    expect(progress).toEqual([1, 2, 3].map((step) => ({ progress: step, total: 3 })));
    expect(logs).toEqual(['step 1', 'step 2', 'step 3']);
    expect(textOf(await client.callTool({ name: 'roots', arguments: {} }))).toBe('file:///real');
  });

  it('gives handlers the Streamable HTTP session id and announces list changes on the GET stream', async () => {
    await start();
    let getStreams = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'GET' && response.ok) getStreams++;
      return response;
    };
    const transport = new StreamableHTTPClientTransport(new URL(`${running!.url}/mcp`), { fetch: countingFetch });
    const { client, listChanged } = await connect(transport);
    clients.push(client);
    expect(textOf(await client.callTool({ name: 'whoami', arguments: {} }))).toBe(transport.sessionId);
    await until(() => getStreams === 1, 'the client to open its GET stream');
    server.tool('late', { description: 'Registered after connecting' }, () => 'late');
    await until(() => listChanged.length > 0, 'notifications/tools/list_changed');
    expect(listChanged).toHaveLength(1);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('late');
  });

  it('serves the SDK client statelessly', async () => {
    await start({ stateful: false });
    const { client } = await connect(new StreamableHTTPClientTransport(new URL(`${running!.url}/mcp`)));
    clients.push(client);
    expect(textOf(await client.callTool({ name: 'work', arguments: { steps: 1 } }))).toBe('did 1');
    expect(textOf(await client.callTool({ name: 'whoami', arguments: {} }))).toBe('none');
    await until(() => server.sessionCount === 0, 'the stateless session to end');
  });

  it('leaves no session behind after close()', async () => {
    await start();
    for (const [, make] of transports) clients.push((await connect(make())).client);
    expect(server.sessionCount).toBe(3);
    await running!.close();
    running = undefined;
    await until(() => server.sessionCount === 0, 'every session to end');
  });
});
