import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { streamableHost } from './helpers/streamable-host.js';
import { callTool, messagesOf, openSession, post, sessionHeaders } from './helpers/raw-http.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (data: string) => ({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data } });

describe('Streamable HTTP resumability', () => {
  const host = streamableHost();
  const { start, sse, getStream } = host;
  const get = (sessionId: string, lastEventId?: string) =>
    getStream(sessionId, lastEventId ? { 'last-event-id': lastEventId } : {});
  const notify = (data: string) => host.server.sessions[0]!.notify('notifications/message', { level: 'info', data });
  afterEach(() => host.stop());

  it('replays exactly the missed events of a dropped GET stream, then carries on live', async () => {
    await start();
    const sessionId = await openSession(host.url);
    const first = sse(await get(sessionId));
    await first.until((events) => events.length === 1);
    notify('A');
    notify('B');
    await first.until((events) => messagesOf(events).length === 2);
    const lastSeen = first.events.at(-1)!.id!;
    await first.cancel();
    notify('C'); // possibly written to the dying connection: stored all the same
    notify('D');
    await sleep(50);
    notify('E'); // certainly sent while no stream is open

    const resumed = await get(sessionId, lastSeen);
    expect(resumed.status).toBe(200);
    const second = sse(resumed);
    await second.until((events) => messagesOf(events).length === 3);
    notify('F');
    await second.until((events) => messagesOf(events).length === 4);
    await sleep(30);
    expect(messagesOf(second.events)).toEqual([log('C'), log('D'), log('E'), log('F')]);
    const ids = [...first.events, ...second.events].map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resumes a dropped POST stream on GET: the rest of its events, its response, then the end', async () => {
    await start();
    const sessionId = await openSession(host.url);
    const first = sse(await post(host.url, callTool(7, 'ticker', { count: 4, every: 60 }), sessionHeaders(sessionId)));
    await first.until((events) => messagesOf(events).length === 1);
    const lastSeen = first.events.at(-1)!.id!;
    await first.cancel();
    await sleep(100);
    const second = sse(await get(sessionId, lastSeen));
    const events = await second.done;
    expect(messagesOf(events)).toEqual([
      log('tick 2'),
      log('tick 3'),
      log('tick 4'),
      { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'ticked 4' }] } },
    ]);
    // The finished stream can still be replayed from any of its events.
    const again = sse(await get(sessionId, events[1]!.id));
    expect(messagesOf(await again.done)).toEqual(messagesOf(events).slice(2));
  });

  it("refuses a Last-Event-ID that is unknown, expired or another session's", async () => {
    await start({ eventStore: undefined });
    const mine = await openSession(host.url);
    const theirs = await openSession(host.url);
    const stream = sse(await get(theirs));
    await stream.until((events) => events.length === 1);
    for (const lastEventId of ['nonsense', `${stream.events[0]!.id!}9`, stream.events[0]!.id!]) {
      const response = await get(mine, lastEventId);
      expect(response.status).toBe(400);
      await response.body?.cancel();
    }
  });

  it('sends no event ids or priming events with eventStore: false', async () => {
    await start({ eventStore: false });
    const sessionId = await openSession(host.url);
    const events = await sse(await post(host.url, callTool(2, 'progress', {}, 1), sessionHeaders(sessionId))).done;
    expect(events.every((event) => event.id === undefined && event.data !== '')).toBe(true);
  });

  describe('with the official SDK client', () => {
    const connect = async () => {
      const client = new Client({ name: 'resuming', version: '1.0.0' });
      const logs: string[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(String(n.params.data)));
      await client.connect(new StreamableHTTPClientTransport(new URL(host.url)));
      return { client, logs };
    };
    const waitFor = async (predicate: () => boolean, timeoutMs = 15_000) => {
      for (const deadline = Date.now() + timeoutMs; !predicate(); await sleep(10)) {
        if (Date.now() > deadline) throw new Error('timed out');
      }
    };

    it('gets the events sent while its GET stream was cut, once each', async () => {
      await start({ retryInterval: 50 });
      const { client, logs } = await connect();
      try {
        await waitFor(() => {
          if (!logs.includes('ready')) notify('ready');
          return logs.includes('ready');
        });
        host.running!.httpServer.closeAllConnections();
        notify('missed 1');
        notify('missed 2');
        await waitFor(() => logs.includes('missed 2'));
        notify('live');
        await waitFor(() => logs.includes('live'));
        expect(logs.slice(logs.lastIndexOf('ready') + 1)).toEqual(['missed 1', 'missed 2', 'live']);
      } finally {
        await client.close();
      }
    });

    it('resumes a tool call whose POST stream was cut, getting every notification and the result', async () => {
      await start({ retryInterval: 50 });
      const { client, logs } = await connect();
      try {
        const result = client.callTool({ name: 'ticker', arguments: { count: 4, every: 80 } });
        await waitFor(() => logs.includes('tick 1'));
        host.running!.httpServer.closeAllConnections();
        await expect(result).resolves.toEqual({ content: [{ type: 'text', text: 'ticked 4' }] });
        expect(logs).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4']);
      } finally {
        await client.close();
      }
    });
  });
});
