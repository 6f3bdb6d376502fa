// The Streamable HTTP endpoint's session store, in virtual time with web Requests and no sockets:
// two handlers (two processes) share a session store and an event store; the session started on
// the first is served by the second once the first is gone, without a new initialize — its log
// level, its subscription, its standalone stream resumed from where the client was — and a
// DELETE there removes its state from the store.
import { TestScheduler } from 'rxjs/testing';
import { McpServer } from '../../../lib/server/index.js';
import {
  createInMemoryEventStore,
  createMcpFetchHandler,
  type McpFetchHandler,
  type SessionSnapshot,
  type SessionStore,
} from '../../../lib/server/http/index.js';
import { getRequest, MCP_URL as URL_, postRequest, readEvents } from './web-requests.js';

const VERSION = '2025-11-25';

describe('createMcpFetchHandler with a session store (virtual time)', () => {
  let scheduler: TestScheduler;
  const handlers: McpFetchHandler[] = [];
  afterEach(() => handlers.splice(0).forEach((handler) => handler.close()));

  /** A store in a Map, recording what the handlers ask of it. */
  const mapStore = () => {
    const snapshots = new Map<string, SessionSnapshot>();
    const calls: string[] = [];
    const store: SessionStore = {
      save: (id, snapshot) => void (calls.push('save'), snapshots.set(id, snapshot)),
      load: (id) => (calls.push('load'), Promise.resolve(snapshots.get(id))),
      delete: (id) => void (calls.push('delete'), snapshots.delete(id)),
    };
    return { store, snapshots, calls };
  };
  const process = (sessionStore: SessionStore, eventStore = createInMemoryEventStore()) => {
    const server = new McpServer({ name: 'copy', version: '1.0.0' }, { scheduler });
    server.tool('log', {}, (_args, ctx) => {
      ctx.log('info', 'info line');
      ctx.log('warning', 'warning line');
      return 'logged';
    });
    server.resource('test://r', { name: 'r' }, () => 'r');
    const handler = createMcpFetchHandler(server, { scheduler, sessionStore, eventStore, keepAliveInterval: 0 });
    handlers.push(handler);
    const post = (body: unknown, sessionId?: string) =>
      handler(postRequest(body, sessionId, { 'mcp-protocol-version': VERSION }));
    const get = (sessionId: string, lastEventId?: string) =>
      handler(
        getRequest(sessionId, {
          'mcp-protocol-version': VERSION,
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        }),
      );
    const remove = (sessionId: string) =>
      handler(new Request(URL_, { method: 'DELETE', headers: { host: 'localhost', 'mcp-session-id': sessionId } }));
    return { server, handler, post, get, remove };
  };

  const methodsOf = (events: { data: string }[]) =>
    events.filter((event) => event.data !== '').map((event) => (JSON.parse(event.data) as { method?: string }).method);

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('serves a session of another process from its snapshot, then forgets it on DELETE', async () => {
    const { store, snapshots, calls } = mapStore();
    const eventStore = createInMemoryEventStore();
    const first = process(store, eventStore);
    const initialize = await first.post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: VERSION, capabilities: {}, clientInfo: { name: 'c', version: '1' } },
    });
    const sessionId = initialize.headers.get('mcp-session-id')!;
    await initialize.json();
    expect((await first.post({ jsonrpc: '2.0', method: 'notifications/initialized' }, sessionId)).status).toBe(202);
    await (
      await first.post({ jsonrpc: '2.0', id: 1, method: 'logging/setLevel', params: { level: 'warning' } }, sessionId)
    ).json();
    await (
      await first.post({ jsonrpc: '2.0', id: 2, method: 'resources/subscribe', params: { uri: 'test://r' } }, sessionId)
    ).json();
    expect(snapshots.get(sessionId)).toMatchObject({
      initialized: true,
      logLevel: 'warning',
      subscriptions: ['test://r'],
    });
    // The standalone stream: its priming event, an update the client reads, then one it misses.
    const standalone = readEvents(await first.get(sessionId));
    await standalone.until((events) => events.length === 1);
    first.server.notifyResourceUpdated('test://r');
    const read = await standalone.until((events) => events.length === 2);
    const lastSeen = read[1]!.id!;
    await standalone.cancel();
    first.server.notifyListChanged('tools');
    scheduler.flush(); // the list_changed window
    // The first process goes away; the store keeps the session.
    first.handler.close();
    expect(snapshots.has(sessionId)).toBe(true);

    const second = process(store, eventStore);
    expect(calls).not.toContain('load');
    // The missed notification comes first on the resumed stream, then it is this process's standalone stream.
    const resumed = await second.get(sessionId, lastSeen);
    expect(resumed.status).toBe(200);
    const replay = readEvents(resumed);
    await replay.until((events) => events.length === 2);
    expect(methodsOf(replay.events)).toEqual(['notifications/tools/list_changed']);
    expect(replay.events[1]).toEqual({ id: expect.any(String), data: '' }); // primed anew
    second.server.notifyResourceUpdated('test://r');
    await replay.until((events) => events.length === 3);
    expect(methodsOf(replay.events)).toEqual(['notifications/tools/list_changed', 'notifications/resources/updated']);
    const call = await second.post(
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'log', arguments: {} } },
      sessionId,
    );
    expect(call.status).toBe(200);
    const answered = await readEvents(call).until((events) => events.some((event) => event.data.includes('"result"')));
    expect(answered.filter((event) => event.data !== '').map((event) => JSON.parse(event.data))).toEqual([
      expect.objectContaining({ method: 'notifications/message', params: { level: 'warning', data: 'warning line' } }),
      expect.objectContaining({ id: 3, result: { content: [{ type: 'text', text: 'logged' }] } }),
    ]);
    expect(calls.filter((call) => call === 'load')).toHaveLength(1);
    await replay.cancel();
    expect((await second.remove(sessionId)).status).toBe(200);
    expect(snapshots.has(sessionId)).toBe(false);
    expect((await second.post({ jsonrpc: '2.0', id: 4, method: 'ping' }, sessionId)).status).toBe(404);
  });

  it('answers 404 for a session the store does not have, and 503 while the store fails', async () => {
    const { store } = mapStore();
    const node = process(store);
    expect((await node.post({ jsonrpc: '2.0', id: 1, method: 'ping' }, 'nobody')).status).toBe(404);
    const failing = process({ ...store, load: () => Promise.reject(new Error('store down')) });
    const refused = await failing.post({ jsonrpc: '2.0', id: 1, method: 'ping' }, 'somebody');
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('store down') } });
  });
});
