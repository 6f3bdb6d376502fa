// SSE polling (SEP-1699) on the Streamable HTTP host: a tool calls `ctx.closeStream()`, the host
// ends the POST's SSE stream after its priming event (`info.closeStream(requestId)` of
// lib/node/http/streamable-session.ts), the tool answers 100 ms later, and the client gets the
// result by resuming with `Last-Event-ID`. Without an event store nothing can be resumed, so
// closeStream leaves the stream open and the result comes on the POST.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { EventSourceMessage } from 'eventsource-parser';
import { defer, delay, of } from 'rxjs';
import * as z from 'zod';
import { serveMcp, type McpHttpServer, type ServeMcpOptions } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/index.js';
import {
  callTool,
  getStream,
  messagesOf,
  openSession,
  post,
  readSse,
  sessionHeaders,
  type SseReader,
} from './helpers/raw-http.js';

const RETRY = 50;
const result = (id: number, text: string) => ({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }] } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A priming event: an id, empty data (and the `retry` field, read separately). */
const isPriming = (event: EventSourceMessage | undefined) =>
  event !== undefined && event.data === '' && typeof event.id === 'string' && event.id.length > 0;

describe('ctx.closeStream() on the Streamable HTTP host (SSE polling)', () => {
  let running: McpHttpServer | undefined;
  let url: string;
  /** What each `ctx.closeStream()` returned. */
  let closeResults: boolean[];
  const readers: SseReader[] = [];
  const clients: Client[] = [];

  async function start(options: ServeMcpOptions = {}) {
    closeResults = [];
    const server = new McpServer({ name: 'close-stream', version: '1.0.0' });
    server.tool(
      'poll',
      { description: 'Closes its stream, answers 100 ms later', inputSchema: z.object({ log: z.string().optional() }) },
      ({ log }, ctx) =>
        defer(() => {
          if (log !== undefined) ctx.log('info', log);
          closeResults.push(ctx.closeStream());
          return of(`polled${log === undefined ? '' : ` after ${log}`}`).pipe(delay(100));
        }),
    );
    server.tool('plain', { description: 'Answers at once' }, () => 'plain');
    running = await serveMcp(server, { websocket: false, legacySse: false, retryInterval: RETRY, ...options });
    url = `${running.url}/mcp`;
  }
  const sse = (response: Response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = readSse(response);
    readers.push(reader);
    return reader;
  };
  const resume = (sessionId: string, lastEventId: string) =>
    getStream(url, sessionId, { 'last-event-id': lastEventId });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(readers.splice(0).map((reader) => reader.cancel()));
    await running?.close();
    running = undefined;
  });

  it('ends the POST stream after its priming event; a GET with Last-Event-ID gets the result', async () => {
    await start();
    const sessionId = await openSession(url);
    const first = sse(await post(url, callTool(2, 'poll'), sessionHeaders(sessionId)));
    const events = await first.done;
    expect(events).toHaveLength(1);
    expect(isPriming(events[0])).toBe(true);
    expect(first.retry).toBe(RETRY);
    expect(messagesOf(events)).toEqual([]); // ended without the result
    expect(closeResults).toEqual([true]);

    await sleep(150); // the result is stored while no stream is open
    const second = sse(await resume(sessionId, events[0]!.id!));
    const resumed = await second.done; // ends after the response
    expect(messagesOf(resumed)).toEqual([result(2, 'polled')]);
    expect(resumed.every((event) => typeof event.id === 'string' && event.id !== events[0]!.id)).toBe(true);

    // The session carries on.
    const after = await post(url, callTool(3, 'plain'), sessionHeaders(sessionId));
    expect(await after.json()).toEqual(result(3, 'plain'));
  });

  it('a resumption opened before the result carries it live', async () => {
    await start();
    const sessionId = await openSession(url);
    const first = sse(await post(url, callTool(4, 'poll'), sessionHeaders(sessionId)));
    const [priming] = await first.done;
    const started = Date.now();
    const second = sse(await resume(sessionId, priming!.id!));
    expect(messagesOf(await second.done)).toEqual([result(4, 'polled')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50); // it waited for the tool
  });

  it('what was sent before closeStream stays on the first stream and is not replayed', async () => {
    await start();
    const sessionId = await openSession(url);
    const first = sse(await post(url, callTool(5, 'poll', { log: 'early' }), sessionHeaders(sessionId)));
    const events = await first.done;
    expect(isPriming(events[0])).toBe(true);
    expect(messagesOf(events)).toEqual([
      { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'early' } },
    ]);
    const second = sse(await resume(sessionId, events.at(-1)!.id!));
    expect(messagesOf(await second.done)).toEqual([result(5, 'polled after early')]);
  });

  it('the official SDK client gets the result transparently, by resuming', async () => {
    await start();
    const resumptions: string[] = [];
    const fetchSpy: typeof fetch = (input, init) => {
      const lastEventId = new Headers(init?.headers).get('last-event-id');
      if ((init?.method ?? 'GET') === 'GET' && lastEventId) resumptions.push(lastEventId);
      return fetch(input, init);
    };
    const client = new Client({ name: 'close-stream-check', version: '1.0.0' });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: fetchSpy }));
    const answer = await client.callTool({ name: 'poll', arguments: {} });
    expect(answer.content).toEqual([{ type: 'text', text: 'polled' }]);
    expect(closeResults).toEqual([true]);
    expect(resumptions).toHaveLength(1);
    await expect(client.callTool({ name: 'plain', arguments: {} })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'plain' }],
    });
  });

  it('is a no-op without an event store (eventStore: false): the result comes on the POST', async () => {
    await start({ eventStore: false });
    const sessionId = await openSession(url);
    const response = await post(url, callTool(6, 'poll'), sessionHeaders(sessionId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(result(6, 'polled'));
    expect(closeResults).toEqual([false]);
  });

  it('is a no-op without an event store for the official SDK client too', async () => {
    await start({ eventStore: false });
    const client = new Client({ name: 'close-stream-check', version: '1.0.0' });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    await expect(client.callTool({ name: 'poll', arguments: {} })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'polled' }],
    });
  });

  it('is a no-op for a client of a revision without priming events (2025-06-18): the result comes on the POST', async () => {
    await start();
    const sessionId = await openSession(url, '2025-06-18');
    const response = await post(url, callTool(7, 'poll'), sessionHeaders(sessionId, '2025-06-18'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(result(7, 'polled'));
    expect(closeResults).toEqual([false]);
  });
});
