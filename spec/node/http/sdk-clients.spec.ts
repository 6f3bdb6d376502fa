import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport as SdkTransport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ListRootsRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { serveMcp, type McpHttpServer } from '../../../lib/node/http/index.js';
import { createTestServer, type TestServer } from './helpers/test-server.js';
import { until } from '../../support/until.js';

/** A connected official SDK client that answers roots/list and records log messages. */
export async function connectSdkClient(transport: SdkTransport) {
  const client = new Client({ name: 'sdk-client', version: '1.0.0' }, { capabilities: { roots: {} } });
  const logs: unknown[] = [];
  client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri: 'file:///project', name: 'project' }] }));
  client.setNotificationHandler(
    LoggingMessageNotificationSchema,
    (notification) => void logs.push(notification.params.data),
  );
  await client.connect(transport);
  return { client, logs };
}

describe('official SDK clients over HTTP', () => {
  let running: McpHttpServer;
  let server: TestServer;
  const clients: Client[] = [];

  beforeEach(async () => {
    server = createTestServer();
    running = await serveMcp(server, { websocket: false });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await running.close();
  });

  const scenarios: [string, () => SdkTransport][] = [
    ['StreamableHTTPClientTransport', () => new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`))],
    ['SSEClientTransport (legacy HTTP+SSE)', () => new SSEClientTransport(new URL(`${running.url}/sse`))],
  ];

  describe.each(scenarios)('%s', (_name, makeTransport) => {
    it('initializes, lists and calls tools', async () => {
      const { client } = await connectSdkClient(makeTransport());
      clients.push(client);
      expect(client.getServerVersion()).toMatchObject({ name: 'rxmcp-test' });
      expect(client.getServerCapabilities()).toMatchObject({ tools: {} });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('echo');
      await expect(client.callTool({ name: 'echo', arguments: { text: 'hello' } })).resolves.toEqual({
        content: [{ type: 'text', text: 'hello' }],
      });
      expect(server.sessions).toHaveLength(1);
    });

    it('receives progress and log notifications sent before the result', async () => {
      const { client, logs } = await connectSdkClient(makeTransport());
      clients.push(client);
      const progress: unknown[] = [];
      const result = await client.callTool({ name: 'progress', arguments: {} }, undefined, {
        onprogress: (p) => progress.push(p),
      });
      expect(result).toEqual({ content: [{ type: 'text', text: 'done' }] });
      expect(progress).toEqual([
        { progress: 1, total: 2, message: 'half' },
        { progress: 2, total: 2 },
      ]);
      expect(logs).toEqual(['working']);
    });

    it('answers a server→client request made by a handler', async () => {
      const { client } = await connectSdkClient(makeTransport());
      clients.push(client);
      await expect(client.callTool({ name: 'ask', arguments: {} })).resolves.toEqual({
        content: [{ type: 'text', text: 'file:///project' }],
      });
    });

    it('serves several clients at once, each with its own session', async () => {
      const a = await connectSdkClient(makeTransport());
      const b = await connectSdkClient(makeTransport());
      clients.push(a.client, b.client);
      const [ra, rb] = await Promise.all([
        a.client.callTool({ name: 'echo', arguments: { text: 'a' } }),
        b.client.callTool({ name: 'echo', arguments: { text: 'b' } }),
      ]);
      expect([ra, rb]).toEqual([
        { content: [{ type: 'text', text: 'a' }] },
        { content: [{ type: 'text', text: 'b' }] },
      ]);
      expect(server.sessions).toHaveLength(2);
    });
  });

  it('ends the session when the Streamable HTTP client terminates it', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`));
    const { client } = await connectSdkClient(transport);
    const sessionId = transport.sessionId!;
    await transport.terminateSession();
    await client.close();
    expect(server.sessions).toHaveLength(0);
    const response = await fetch(`${running.url}/mcp`, { method: 'DELETE', headers: { 'mcp-session-id': sessionId } });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it('ends a legacy session when its SSE stream closes', async () => {
    const { client } = await connectSdkClient(new SSEClientTransport(new URL(`${running.url}/sse`)));
    expect(server.sessions).toHaveLength(1);
    await client.close();
    await until(() => server.sessions.length === 0, 'the session to end');
  });

  it('answers 404 to legacy POSTs for an unknown session', async () => {
    const response = await fetch(`${running.url}/messages?sessionId=nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});
