// A request the client cancels (notifications/cancelled) gets no answer, so its POST response
// must end at once: left open, it would only end with the session, with a late 404 body a client
// (the Python SDK's) reads as the session being gone.
import { finalize, interval, map, NEVER } from 'rxjs';
import { serveMcp, type McpHttpServer } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/index.js';
import { until } from '../../support/until.js';
import { callTool, messagesOf, openSession, post, readSse, sessionHeaders } from './helpers/raw-http.js';

const cancel = (requestId: number) => ({
  jsonrpc: '2.0',
  method: 'notifications/cancelled',
  params: { requestId, reason: 'user' },
});

describe('Streamable HTTP: a cancelled request', () => {
  let running: McpHttpServer;
  let url: string;
  const started: string[] = [];
  const tornDown: string[] = [];

  beforeEach(async () => {
    started.length = 0;
    tornDown.length = 0;
    const server = new McpServer({ name: 'cancel', version: '1.0.0' });
    server.tool('hang', { description: 'Never answers' }, () => {
      started.push('hang');
      return NEVER.pipe(finalize(() => tornDown.push('hang')));
    });
    server.tool('chatty', { description: 'Reports progress forever' }, (_args, ctx) => {
      started.push('chatty');
      return interval(10).pipe(
        map((i) => ctx.progress(i + 1)),
        finalize(() => tornDown.push('chatty')),
      ) as never;
    });
    server.tool('echo', { description: 'Echoes' }, () => 'after');
    running = await serveMcp(server, { websocket: false, legacySse: false });
    url = `${running.url}/mcp`;
  });
  afterEach(() => running.close());

  it('ends a POST still waiting for its JSON answer with an empty event stream, and the session carries on', async () => {
    const sessionId = await openSession(url);
    const pending = post(url, callTool(2, 'hang'), sessionHeaders(sessionId));
    await until(() => started.includes('hang'));
    expect((await post(url, cancel(2), sessionHeaders(sessionId))).status).toBe(202);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(messagesOf(await readSse(response).done)).toEqual([]);
    await until(() => tornDown.includes('hang'));
    const echo = await post(url, callTool(3, 'echo'), sessionHeaders(sessionId));
    await expect(echo.json()).resolves.toEqual({
      jsonrpc: '2.0',
      id: 3,
      result: { content: [{ type: 'text', text: 'after' }] },
    });
  });

  it('ends a POST whose answer is already an event stream, without a response on it', async () => {
    const sessionId = await openSession(url);
    const stream = readSse(await post(url, callTool(4, 'chatty', {}, 42), sessionHeaders(sessionId)));
    await stream.until((events) => messagesOf(events).length >= 1);
    expect((await post(url, cancel(4), sessionHeaders(sessionId))).status).toBe(202);
    const events = await stream.done;
    expect(messagesOf(events).length).toBeGreaterThan(0);
    expect(messagesOf(events).every((message) => message['method'] === 'notifications/progress')).toBe(true);
    await until(() => tornDown.includes('chatty'));
  });
});
