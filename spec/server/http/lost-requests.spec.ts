// A call in flight when its process dies settles at once, in virtual time with web Requests and
// no sockets: two handlers (two processes) share a session store and an in-memory event store; a
// slow call's SSE stream is primed on the first, which goes away before answering; the client
// resumes the stream on the second and gets the events stored, then an error response for its
// call (-32603, saying the request may or may not have run), and the stream ends — while the
// session goes on serving calls there. A call whose response was stored gets it replayed, and
// no error; resuming after the error is refused rather than replayed again.
import { map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { McpServer } from '../../../lib/server/index.js';
import {
  createInMemoryEventStore,
  createMcpFetchHandler,
  type McpFetchHandler,
  type SessionSnapshot,
  type SessionStore,
} from '../../../lib/server/http/index.js';
import { LOST_REQUEST_MESSAGE } from '../../../lib/server/http/lost-requests.js';
import { getRequest, postRequest, readEvents } from './web-requests.js';

const VERSION = '2025-11-25';

describe('a request stream replayed after its process died (virtual time)', () => {
  let scheduler: TestScheduler;
  const handlers: McpFetchHandler[] = [];
  afterEach(() => handlers.splice(0).forEach((handler) => handler.close()));
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const snapshots = new Map<string, SessionSnapshot>();
  const sessionStore: SessionStore = {
    save: (id, snapshot) => void snapshots.set(id, snapshot),
    load: (id) => Promise.resolve(snapshots.get(id)),
    delete: (id) => void snapshots.delete(id),
  };

  const process = (eventStore: ReturnType<typeof createInMemoryEventStore>) => {
    const server = new McpServer({ name: 'node', version: '1.0.0' }, { scheduler });
    server.tool('slow', {}, () => timer(60_000, scheduler).pipe(map(() => 'slept')));
    server.tool('quick', {}, () => 'quick');
    const handler = createMcpFetchHandler(server, {
      scheduler,
      sessionStore,
      eventStore,
      keepAliveInterval: 0,
      responseMode: 'sse',
    });
    handlers.push(handler);
    const post = (body: unknown, sessionId?: string) =>
      handler(postRequest(body, sessionId, { 'mcp-protocol-version': VERSION }));
    const get = (sessionId: string, lastEventId: string) =>
      handler(getRequest(sessionId, { 'mcp-protocol-version': VERSION, 'last-event-id': lastEventId }));
    return { handler, post, get };
  };

  const messagesOf = (events: { data: string }[]) =>
    events.filter((event) => event.data !== '').map((event) => JSON.parse(event.data) as Record<string, unknown>);
  const call = (id: number, name: string) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name } });

  /** A session opened on `node`. */
  const openSession = async (node: ReturnType<typeof process>) => {
    const initialize = await node.post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: VERSION, capabilities: {}, clientInfo: { name: 'c', version: '1' } },
    });
    const sessionId = initialize.headers.get('mcp-session-id')!;
    await readEvents(initialize).until();
    expect((await node.post({ jsonrpc: '2.0', method: 'notifications/initialized' }, sessionId)).status).toBe(202);
    return sessionId;
  };

  it('ends the stream of a call its process never answered with an error for that call', async () => {
    const eventStore = createInMemoryEventStore();
    const first = process(eventStore);
    const sessionId = await openSession(first);
    const slow = readEvents(await first.post(call(7, 'slow'), sessionId));
    const [priming] = await slow.until((events) => events.length === 1);
    expect(priming).toEqual({ id: expect.any(String), data: '' });
    // The process goes away while the call is in flight; the stores keep the session and the stream.
    await slow.cancel();
    first.handler.close();
    expect(eventStore.unansweredRequests(priming!.id!.slice(0, priming!.id!.lastIndexOf('_')))).toEqual([7]);

    const second = process(eventStore);
    const resumed = await second.get(sessionId, priming!.id!);
    expect(resumed.status).toBe(200);
    const replay = readEvents(resumed);
    await replay.until();
    expect(replay.ended).toBe(true);
    expect(messagesOf(replay.events)).toEqual([
      { jsonrpc: '2.0', id: 7, error: { code: -32603, message: LOST_REQUEST_MESSAGE } },
    ]);
    // Resuming after the error is refused: nothing follows it, the stream is not replayed again.
    const again = await second.get(sessionId, replay.events.at(-1)!.id!);
    expect(again.status).toBe(400);
    // The session goes on, on the second process.
    const next = readEvents(await second.post(call(8, 'quick'), sessionId));
    expect(messagesOf(await next.until((events) => messagesOf(events).length === 1))).toEqual([
      expect.objectContaining({ id: 8, result: { content: [{ type: 'text', text: 'quick' }] } }),
    ]);
  });

  it('replays a response that was stored before the process died, and adds no error', async () => {
    const eventStore = createInMemoryEventStore();
    const first = process(eventStore);
    const sessionId = await openSession(first);
    const quick = readEvents(await first.post(call(3, 'quick'), sessionId));
    const [priming] = await quick.until((events) => events.length === 1);
    await quick.cancel();
    first.handler.close();

    const second = process(eventStore);
    const replay = readEvents(await second.get(sessionId, priming!.id!));
    await replay.until();
    expect(replay.ended).toBe(true);
    expect(messagesOf(replay.events)).toEqual([
      expect.objectContaining({ id: 3, result: { content: [{ type: 'text', text: 'quick' }] } }),
    ]);
  });

  it('in the in-memory store: tracks the requests a primed stream has not answered', () => {
    const store = createInMemoryEventStore();
    store.storeEvent('s.1', undefined, [1, 'two']);
    store.storeEvent('s.1', { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1 } });
    expect(store.unansweredRequests('s.1')).toEqual([1, 'two']);
    store.storeEvent('s.1', { jsonrpc: '2.0', id: 'two', result: {} });
    expect(store.unansweredRequests('s.1')).toEqual([1]);
    store.storeEvent('s.1', { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'bad' } });
    expect(store.unansweredRequests('s.1')).toEqual([]);
    store.storeEvent('s.0');
    expect(store.unansweredRequests('s.0')).toBeUndefined(); // named no request
    expect(store.unansweredRequests('nobody')).toBeUndefined();
    store.deleteStream('s.1');
    expect(store.unansweredRequests('s.1')).toBeUndefined();
  });
});
