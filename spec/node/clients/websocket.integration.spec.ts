/**
 * The Node WebSocket client transport against an official SDK McpServer behind a `ws` server.
 */
import type { AddressInfo } from 'node:net';
import type { Transport as SdkTransport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage as SdkMessage } from '@modelcontextprotocol/sdk/types.js';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { createNodeWebSocketClientTransport } from '../../../lib/node/clients/index.js';
import { createClientSession } from '../../../lib/session/index.js';
import { buildSdkServer } from '../../transport/http/sdk-servers.js';
import { until } from '../../support/until.js';

type ToolResult = { content: { type: string; text: string }[] };

/** The SDK's Transport over one server-side socket. */
function sdkTransport(socket: WebSocket): SdkTransport {
  const transport: SdkTransport = {
    start: async () => {
      socket.on('message', (data) => transport.onmessage?.(JSON.parse(String(data)) as SdkMessage));
      socket.on('close', () => transport.onclose?.());
      socket.on('error', (error) => transport.onerror?.(error));
    },
    send: async (message) => {
      socket.send(JSON.stringify(message));
    },
    close: async () => socket.close(),
  };
  return transport;
}

describe('Node WebSocket client transport ⇄ ws server with the official SDK McpServer', () => {
  let wss: WebSocketServer;
  let url: string;
  const protocols: string[] = [];
  const headers: (string | undefined)[] = [];

  beforeEach(async () => {
    protocols.length = 0;
    headers.length = 0;
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (socket, request) => {
      protocols.push(socket.protocol);
      headers.push(request.headers['x-token'] as string | undefined);
      void buildSdkServer().connect(sdkTransport(socket));
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('initializes with subprotocol mcp, calls tools with progress, answers an elicitation, and closes', async () => {
    const transport = createNodeWebSocketClientTransport(url, { ws: { headers: { 'x-token': 'secret' } } });
    const session = createClientSession(transport, {
      clientInfo: { name: 'rxmcp-ws', version: '1.0.0' },
      capabilities: { elicitation: {} },
      timeout: 5000,
    });
    session.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Linus' } }));
    const connection = session.connect();

    const init = await firstValueFrom(session.initialize());
    expect(init.serverInfo.name).toBe('sdk-server');
    expect(protocols).toEqual(['mcp']);
    expect(headers).toEqual(['secret']);

    const events = await lastValueFrom(
      session
        .request<ToolResult>('tools/call', { name: 'count', arguments: { to: 2 } }, { observe: 'events' })
        .pipe(toArray()),
    );
    expect(events).toEqual([
      { type: 'progress', progress: 1, total: 2 },
      { type: 'progress', progress: 2, total: 2 },
      { type: 'result', result: expect.objectContaining({ content: [{ type: 'text', text: 'counted to 2' }] }) },
    ]);
    const asked = await firstValueFrom(session.request<ToolResult>('tools/call', { name: 'ask', arguments: {} }));
    expect(asked.content[0]!.text).toBe('accept:Linus');

    connection.unsubscribe();
    await until(() => wss.clients.size === 0);
  });

  it('settles the session when the server closes the socket', async () => {
    const session = createClientSession(createNodeWebSocketClientTransport(url), {
      clientInfo: { name: 'c', version: '1' },
    });
    session.connect();
    await firstValueFrom(session.initialize());
    for (const client of wss.clients) client.close(1001);
    expect(await firstValueFrom(session.closed$)).toBeUndefined();
  });

  it("fails with kind 'transport' when nothing listens", async () => {
    const port = (wss.address() as AddressInfo).port;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    const session = createClientSession(createNodeWebSocketClientTransport(`ws://127.0.0.1:${port}`), {
      clientInfo: { name: 'c', version: '1' },
    });
    session.connect();
    await expect(firstValueFrom(session.initialize())).rejects.toMatchObject({ kind: 'transport' });
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  });
});
