import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { ListRootsRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { WebSocket } from 'ws';
import { serveMcp, type McpHttpServer, type ServeMcpOptions } from '../../../lib/node/http/index.js';
import { createTestServer, type TestServer } from '../http/helpers/test-server.js';
import { lendGlobalWebSocket } from '../../support/global-websocket.js';
import { until } from '../../support/until.js';

lendGlobalWebSocket();

describe('WebSocket', () => {
  let running: McpHttpServer | undefined;
  let server: TestServer;
  let wsUrl: string;
  const sockets: WebSocket[] = [];

  async function start(options: ServeMcpOptions = {}) {
    server = createTestServer();
    running = await serveMcp(server, options);
    wsUrl = `${running.url.replace('http', 'ws')}/ws`;
  }
  const open = (protocols: string | string[] = 'mcp', headers: Record<string, string> = {}) => {
    const socket = new WebSocket(wsUrl, protocols, { headers });
    socket.on('error', () => undefined);
    sockets.push(socket);
    return socket;
  };
  const opened = (socket: WebSocket) =>
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    });
  const refused = (socket: WebSocket) =>
    new Promise<number>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  const nextMessage = (socket: WebSocket) =>
    new Promise<Record<string, unknown>>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );

  afterEach(async () => {
    for (const socket of sockets.splice(0)) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    await running?.close();
    running = undefined;
  });

  describe('with the official SDK client', () => {
    beforeEach(() => start());

    it('initializes, calls, gets progress and logs, and answers a server→client request', async () => {
      const client = new Client({ name: 'ws-client', version: '1.0.0' }, { capabilities: { roots: {} } });
      const logs: unknown[] = [];
      client.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [{ uri: 'file:///ws' }] }));
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params.data));
      await client.connect(new WebSocketClientTransport(new URL(wsUrl)));
      try {
        expect(client.getServerVersion()).toMatchObject({ name: 'rxmcp-test' });
        await expect(client.callTool({ name: 'echo', arguments: { text: 'over ws' } })).resolves.toEqual({
          content: [{ type: 'text', text: 'over ws' }],
        });
        const progress: unknown[] = [];
        await expect(
          client.callTool({ name: 'progress', arguments: {} }, undefined, { onprogress: (p) => progress.push(p) }),
        ).resolves.toEqual({
          content: [{ type: 'text', text: 'done' }],
        });
        expect(progress).toHaveLength(2);
        expect(logs).toEqual(['working']);
        await expect(client.callTool({ name: 'ask', arguments: {} })).resolves.toEqual({
          content: [{ type: 'text', text: 'file:///ws' }],
        });
        expect(server.sessions).toHaveLength(1);
      } finally {
        await client.close();
      }
      await until(() => server.sessions.length === 0, 'the session to end');
    });
  });

  describe('raw sockets', () => {
    let logs: string[] = [];
    beforeEach(() => {
      logs = [];
      return start({ logger: (message) => logs.push(message) });
    });

    it('selects the mcp subprotocol when offered, and serves clients that offer none', async () => {
      const withProtocol = open('mcp');
      await opened(withProtocol);
      expect(withProtocol.protocol).toBe('mcp');
      const without = open([]);
      await opened(without);
      expect(without.protocol).toBe('');
      without.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
      await expect(nextMessage(without)).resolves.toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    });

    it('answers a malformed frame with -32700 and keeps the connection', async () => {
      const socket = open();
      await opened(socket);
      socket.send('{not json');
      await expect(nextMessage(socket)).resolves.toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }));
      await expect(nextMessage(socket)).resolves.toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    });

    it('refuses a foreign Host or Origin with 403', async () => {
      await expect(refused(open('mcp', { host: 'evil.example' }))).resolves.toBe(403);
      await expect(refused(open('mcp', { origin: 'http://evil.example' }))).resolves.toBe(403);
      const local = open('mcp', { origin: 'http://localhost:5173' });
      await opened(local);
      expect(logs).toEqual([
        expect.stringContaining('refused GET /ws (403 Invalid Host header: evil.example)'),
        expect.stringContaining(
          'refused GET /ws from origin http://evil.example (403 Invalid Origin header: http://evil.example); to let a browser app there',
        ),
      ]);
    });

    it('answers 404 for other upgrade paths', async () => {
      const socket = new WebSocket(wsUrl.replace(/\/ws$/, '/other'));
      socket.on('error', () => undefined);
      sockets.push(socket);
      await expect(refused(socket)).resolves.toBe(404);
    });

    it('closes every connection when the server closes', async () => {
      const socket = open();
      await opened(socket);
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await running!.close();
      running = undefined;
      await expect(closed).resolves.toBe(1001);
      expect(server.sessions).toHaveLength(0);
    });
  });

  it('lets the cors origins through the Origin check; others still get 403, and "*" keeps the Host check', async () => {
    const logs: string[] = [];
    await start({ cors: ['https://app.example.com'], logger: (message) => logs.push(message) });
    await opened(open('mcp', { origin: 'https://app.example.com' }));
    await opened(open('mcp', { origin: 'http://localhost:5173' }));
    await expect(refused(open('mcp', { origin: 'https://evil.example' }))).resolves.toBe(403);
    expect(logs).toEqual([expect.stringContaining('refused GET /ws from origin https://evil.example (403')]);
    await running!.close();
    await start({ cors: '*', logger: () => undefined });
    await opened(open('mcp', { origin: 'https://anywhere.example' }));
    await expect(refused(open('mcp', { host: 'evil.example', origin: 'http://evil.example' }))).resolves.toBe(403);
  });

  it('refuses clients not offering mcp when requireSubprotocol is set', async () => {
    await start({ websocket: { requireSubprotocol: true } });
    await expect(refused(open([]))).resolves.toBe(400);
    await opened(open('mcp'));
  });

  it('closes the connection with 1009 on a frame over maxMessageBytes', async () => {
    await start({ websocket: { maxMessageBytes: 100 } });
    const socket = open();
    await opened(socket);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(200) } }));
    await expect(closed).resolves.toBe(1009);
  });

  it('terminates a peer that stops answering pings', async () => {
    await start({ websocket: { pingInterval: 50 } });
    const socket = open();
    await opened(socket);
    // Stop the client from answering pings (ws answers them automatically).
    (socket as unknown as { pong: () => void }).pong = () => undefined;
    const socketInternals = socket as unknown as {
      _receiver: { removeAllListeners(event: string): void; on(event: string, fn: () => void): void };
    };
    socketInternals._receiver.removeAllListeners('ping');
    socketInternals._receiver.on('ping', () => undefined);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await expect(closed).resolves.toBe(1006);
    await until(() => server.sessions.length === 0, 'the session to end');
  });
});
