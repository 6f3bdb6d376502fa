import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createMcpExpressApp, createMcpRouter, type McpRouter } from '../../../lib/node/http/index.js';
import { createTestServer } from './helpers/test-server.js';
import { callTool, openSession, post, sessionHeaders } from './helpers/raw-http.js';

const listen = (app: express.Express) =>
  new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
const baseOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('createMcpRouter', () => {
  let http: Server;
  let router: McpRouter;
  afterEach(async () => {
    router.close();
    await closeServer(http);
  });

  it('mounts under a prefix in an existing app, next to its routes and body parser', async () => {
    const server = createTestServer();
    const app = express();
    app.use(express.json());
    app.get('/health', (_req, res) => void res.send('ok'));
    router = createMcpRouter(server);
    app.use('/api', router);
    http = await listen(app);
    const base = baseOf(http);

    await expect((await fetch(`${base}/health`)).text()).resolves.toBe('ok');
    const sessionId = await openSession(`${base}/api/mcp`);
    const response = await post(
      `${base}/api/mcp`,
      callTool(2, 'echo', { text: 'parsed upstream' }),
      sessionHeaders(sessionId),
    );
    await expect(response.json()).resolves.toMatchObject({ result: { content: [{ text: 'parsed upstream' }] } });

    const client = new Client({ name: 'legacy', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${base}/api/sse`)));
    await expect(client.callTool({ name: 'echo', arguments: { text: 'legacy' } })).resolves.toEqual({
      content: [{ type: 'text', text: 'legacy' }],
    });
    expect(router.sessionCount).toBe(2);
    await client.close();
  });

  it('honours path options and legacySse: false', async () => {
    const app = express();
    router = createMcpRouter(createTestServer(), { path: '/rpc', legacySse: false });
    app.use(router);
    http = await listen(app);
    const base = baseOf(http);
    const client = new Client({ name: 'c', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/rpc`)));
    await client.close();
    const sse = await fetch(`${base}/sse`, { headers: { accept: 'text/event-stream' } });
    expect(sse.status).toBe(404);
    await sse.body?.cancel();
  });
});

describe('createMcpExpressApp', () => {
  it('turns DNS-rebinding protection on for loopback hosts only', async () => {
    // A foreign Origin without a session id: 403 when protected, else on to the session check (400).
    for (const [host, expected] of [
      ['127.0.0.1', 403],
      ['0.0.0.0', 400],
    ] as const) {
      const app = createMcpExpressApp(createTestServer(), { host });
      const http = await listen(app);
      const response = await fetch(`${baseOf(http)}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          origin: 'http://evil.example',
        },
        body: JSON.stringify(callTool(1, 'echo')),
      });
      expect({ host, status: response.status }).toEqual({ host, status: expected });
      await response.body?.cancel();
      app.close();
      await closeServer(http);
    }
  });
});
