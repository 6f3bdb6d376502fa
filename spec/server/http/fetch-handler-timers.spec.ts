// The fetch handler's timers in virtual time: idle eviction and keep-alive comments run on the
// `scheduler` option (a TestScheduler here), with web Requests and no sockets.
import { TestScheduler } from 'rxjs/testing';
import { McpServer } from '../../../lib/server/index.js';
import {
  createMcpFetchHandler,
  type McpFetchHandler,
  type McpFetchHandlerOptions,
} from '../../../lib/server/http/index.js';
import { MCP_URL as URL_, postRequest } from './web-requests.js';

describe('createMcpFetchHandler timers (virtual time)', () => {
  let scheduler: TestScheduler;
  let handler: McpFetchHandler;

  /** Moves virtual time to `t` ms, running every timer due by then. */
  const advanceTo = (t: number) => {
    scheduler.schedule(() => undefined, t - scheduler.now());
    scheduler.maxFrames = t;
    scheduler.flush();
  };
  const start = (options: McpFetchHandlerOptions) => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const server = new McpServer({ name: 'timers', version: '1.0.0' });
    server.tool('echo', { description: 'Echoes' }, () => 'echoed');
    handler = createMcpFetchHandler(server, { scheduler, ...options });
  };
  const post = (body: unknown, sessionId?: string) => handler(postRequest(body, sessionId));
  const openSession = async () => {
    const response = await post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
    });
    expect(response.status).toBe(200);
    await response.json();
    const sessionId = response.headers.get('mcp-session-id')!;
    const initialized = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, sessionId);
    expect(initialized.status).toBe(202);
    return sessionId;
  };
  const echo = async (id: number, sessionId: string) => {
    const response = await post(
      { jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: {} } },
      sessionId,
    );
    return { status: response.status, body: await response.json() };
  };
  const openStream = (sessionId: string) =>
    handler(
      new Request(URL_, { headers: { accept: 'text/event-stream', host: 'localhost', 'mcp-session-id': sessionId } }),
    );
  const decoder = new TextDecoder();

  afterEach(() => handler.close());

  it('keeps a session in use, and ends it once no request has come for sessionIdleTimeout', async () => {
    start({ sessionIdleTimeout: 1000 });
    const sessionId = await openSession();
    for (let i = 1; i <= 6; i++) {
      advanceTo(i * 300); // 6 × 300 ms > sessionIdleTimeout: only the requests keep it
      expect(await echo(i, sessionId)).toMatchObject({
        status: 200,
        body: { id: i, result: { content: [{ type: 'text', text: 'echoed' }] } },
      });
    }
    expect(handler.sessionCount).toBe(1);
    advanceTo(1800 + 999);
    expect(handler.sessionCount).toBe(1);
    advanceTo(1800 + 1000);
    expect(handler.sessionCount).toBe(0);
    expect((await echo(9, sessionId)).status).toBe(404);
  });

  it('keeps a session with an open stream past its idle timeout, and ends it a timeout after the stream closes', async () => {
    start({ sessionIdleTimeout: 100, keepAliveInterval: 0 });
    const sessionId = await openSession();
    const stream = await openStream(sessionId);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    advanceTo(10_000);
    expect(handler.sessionCount).toBe(1);
    await stream.body!.cancel();
    advanceTo(10_099);
    expect(handler.sessionCount).toBe(1);
    advanceTo(10_100);
    expect(handler.sessionCount).toBe(0);
  });

  it('writes a keep-alive comment on an open stream every keepAliveInterval, and stops when it closes', async () => {
    start({ keepAliveInterval: 1000, sessionIdleTimeout: 0, eventStore: false });
    const sessionId = await openSession();
    const reader = (await openStream(sessionId)).body!.getReader();
    advanceTo(999);
    advanceTo(1000);
    expect(decoder.decode((await reader.read()).value)).toBe(': keep-alive\n\n');
    advanceTo(3000);
    expect(decoder.decode((await reader.read()).value)).toBe(': keep-alive\n\n');
    expect(decoder.decode((await reader.read()).value)).toBe(': keep-alive\n\n');
    await reader.cancel();
    // Past the body timeout of the POSTs too (its action stays until its time; deadline-queue.ts).
    advanceTo(3000 + 30_000);
    expect(scheduler.actions.filter((action) => !action.closed)).toHaveLength(0);
  });
});
