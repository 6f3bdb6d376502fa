// Slowloris: a client that trickles its headers or its body is answered 408 and cut off once
// limits.headersTimeout / limits.bodyTimeout have passed, and other clients are served meanwhile.
import { connect, type Socket } from 'node:net';
import express from 'express';
import { createServer, type Server } from 'node:http';
import { createMcpRouter, serveMcp, type McpHttpServer } from '../../lib/node/http/index.js';
import { DEFAULT_LIMITS } from '../../lib/server/limits.js';
import { createTestServer } from '../node/http/helpers/test-server.js';
import { openSession } from '../node/http/helpers/raw-http.js';

/** Opens a raw connection and collects what the server sends until it closes the connection. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  return { socket, closed };
}

/** The head of a POST to /mcp announcing a 200-byte body. */
const POST_HEAD =
  'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 200\r\n\r\n';

describe('limits: header and body read timeouts', () => {
  let running: McpHttpServer | undefined;
  let plain: Server | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    plain?.closeAllConnections();
    await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
    plain = undefined;
  });

  it('defaults to 10 s for headers and 30 s for a body, set on the node:http server', async () => {
    expect(DEFAULT_LIMITS.headersTimeout).toBe(10_000);
    expect(DEFAULT_LIMITS.bodyTimeout).toBe(30_000);
    running = await serveMcp(createTestServer());
    expect(running.httpServer.headersTimeout).toBe(10_000);
    expect(running.httpServer.requestTimeout).toBe(40_000);
  });

  it('answers 408 and closes a connection whose headers never end (serveMcp)', async () => {
    running = await serveMcp(createTestServer(), { limits: { headersTimeout: 300 } });
    const slow = rawClient(running.port);
    slow.socket.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // Served meanwhile.
    await openSession(`${running.url}/mcp`);
    await expect(slow.closed).resolves.toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('answers 408 with a JSON-RPC error and closes a connection whose body never ends (serveMcp)', async () => {
    running = await serveMcp(createTestServer(), { limits: { bodyTimeout: 300 } });
    const slow = rawClient(running.port);
    slow.socket.write(`${POST_HEAD}{"jsonrpc":"2.0",`);
    await openSession(`${running.url}/mcp`);
    const answer = await slow.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(answer).toContain(
      '"error":{"code":-32000,"message":"Request Timeout: the body did not arrive within 300 ms"}',
    );
  });

  it('does the same for a router mounted in the user’s own express app', async () => {
    const app = express();
    app.use(createMcpRouter(createTestServer(), { limits: { bodyTimeout: 300 } }));
    plain = createServer(app);
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as { port: number }).port;
    const slow = rawClient(port);
    slow.socket.write(`${POST_HEAD}{`);
    await expect(slow.closed).resolves.toMatch(
      /^HTTP\/1\.1 408 Request Timeout[\s\S]*Request Timeout: the body did not arrive within 300 ms/,
    );
  });
});
