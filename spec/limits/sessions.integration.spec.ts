// Sessions per server: Streamable HTTP, legacy SSE and WebSocket draw on one budget of
// limits.maxSessions; a session over it is refused with a clear answer, and a closed session
// gives its place back.
import { WebSocket } from 'ws';
import { serveMcp, type McpHttpServer } from '../../lib/node/http/index.js';
import { DEFAULT_LIMITS } from '../../lib/server/limits.js';
import { createTestServer } from '../node/http/helpers/test-server.js';
import {
  initializeRequest,
  openLegacySession,
  openSession,
  post,
  sessionHeaders,
} from '../node/http/helpers/raw-http.js';
import { until } from '../support/until.js';

describe('limits: sessions per server', () => {
  let running: McpHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const upgrade = (url: string) =>
    new Promise<{ status: number; body: string; socket: WebSocket }>((resolve) => {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`, 'mcp');
      socket.on('error', () => undefined);
      socket.once('open', () => resolve({ status: 101, body: '', socket }));
      socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket }));
      });
    });

  it('defaults to 10 000', () => {
    expect(DEFAULT_LIMITS.maxSessions).toBe(10_000);
  });

  it('refuses a session of any transport past maxSessions, and takes one again once a place is free', async () => {
    const server = createTestServer();
    running = await serveMcp(server, { limits: { maxSessions: 3 } });
    const mcp = `${running.url}/mcp`;
    const first = await openSession(mcp);
    const legacy = await openLegacySession(running.url);
    const ws = await upgrade(running.url);
    expect(ws.status).toBe(101);
    await until(() => running!.sessionCount === 3, 'three sessions');

    // Streamable HTTP: 503 with a JSON-RPC error naming the limit, for the initialize's id.
    const refused = await post(mcp, initializeRequest(7));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('mcp-session-id')).toBeNull();
    expect(await refused.json()).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: -32000,
        message: 'Service Unavailable: Limit reached: maxSessions (3)',
        data: { limit: 'maxSessions', value: 3 },
      },
    });
    // Legacy SSE: the same answer to the stream's GET.
    const sse = await fetch(`${running.url}/sse`, { headers: { accept: 'text/event-stream' } });
    expect(sse.status).toBe(503);
    expect(await sse.json()).toMatchObject({ id: null, error: { code: -32000, data: { limit: 'maxSessions' } } });
    // WebSocket: a 503 answer to the upgrade.
    const wsRefused = await upgrade(running.url);
    expect(wsRefused).toMatchObject({ status: 503, body: 'Limit reached: maxSessions (3)' });

    // The open sessions carry on.
    const call = await post(
      mcp,
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'still here' } } },
      sessionHeaders(first),
    );
    expect(await call.json()).toMatchObject({ id: 2, result: { content: [{ text: 'still here' }] } });

    // Ending one session (any transport) frees a place for another transport's.
    ws.socket.close();
    await until(() => running!.sessionCount === 2, 'the WebSocket session to end');
    const second = await openSession(mcp);
    expect(second).not.toBe(first);
    await legacy.stream.cancel();
    await until(() => running!.sessionCount === 2, 'the legacy session to end');
    expect((await upgrade(running.url)).status).toBe(101);
  });

  it('honours the limits set on the server, a host option overriding them', async () => {
    const server = Object.assign(createTestServer(), { limits: { maxSessions: 1 } });
    running = await serveMcp(server);
    await openSession(`${running.url}/mcp`);
    expect((await post(`${running.url}/mcp`, initializeRequest(1))).status).toBe(503);
    await running.close();
    running = await serveMcp(server, { limits: { maxSessions: 2 } });
    await openSession(`${running.url}/mcp`);
    await openSession(`${running.url}/mcp`);
    expect((await post(`${running.url}/mcp`, initializeRequest(1))).status).toBe(503);
  });
});
