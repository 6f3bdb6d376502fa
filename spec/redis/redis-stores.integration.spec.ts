// rxmcp/redis's stores against a real redis-server: the Redis Streams event store (ids, replay,
// the requests a stream left unanswered, bounds, expiry, refusals) and the task store shared by two servers, each with its own
// connection as two processes would have: a task created on one is got and seen completing on
// the other; listing, expiry and put at the store level.
import { asyncScheduler, firstValueFrom, lastValueFrom, map, timer } from 'rxjs';
import * as z from 'zod';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { createRedisEventStore, createRedisTaskStore } from '../../lib/redis/index.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import type { EventStore } from '../../lib/server/http/event-store.js';
import { request } from '../../lib/testing/messages.js';
import { useRealRedis } from './helpers/real-redis.js';

const message = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { level: 'info', data: n },
});

async function replay(store: EventStore, lastEventId: string) {
  const sent: [string, JSONRPCMessage][] = [];
  const streamId = await store.replayEventsAfter(lastEventId, (id, m) => sent.push([id, m]));
  return { streamId, sent };
}

describe('rxmcp/redis stores on a real Redis', () => {
  const { connect } = useRealRedis();

  describe('createRedisEventStore', () => {
    it('replays, on another connection, the events of a stream after an id, skipping the priming event', async () => {
      const writer = createRedisEventStore(await connect());
      const reader = createRedisEventStore(await connect());
      const priming = await writer.storeEvent('sess~a.1');
      const a1 = await writer.storeEvent('sess~a.1', message(1));
      await writer.storeEvent('sess~b.1', message(100));
      const a2 = await writer.storeEvent('sess~a.1', message(2));
      expect(priming.startsWith('sess~a.1_')).toBe(true);
      expect(await replay(reader, priming)).toEqual({
        streamId: 'sess~a.1',
        sent: [
          [a1, message(1)],
          [a2, message(2)],
        ],
      });
      expect(await replay(reader, a1)).toEqual({ streamId: 'sess~a.1', sent: [[a2, message(2)]] });
      expect(await replay(reader, a2)).toEqual({ streamId: 'sess~a.1', sent: [] });
    });

    it("tells, on another connection, which requests named by a stream's priming event it never answered", async () => {
      const writer = createRedisEventStore(await connect());
      const reader = createRedisEventStore(await connect());
      await writer.storeEvent('sess~c.1', undefined, [1, 'two']);
      await writer.storeEvent('sess~c.1', message(1));
      expect(await reader.unansweredRequests!('sess~c.1')).toEqual([1, 'two']);
      await writer.storeEvent('sess~c.1', { jsonrpc: '2.0', id: 'two', result: {} });
      expect(await reader.unansweredRequests!('sess~c.1')).toEqual([1]);
      await writer.storeEvent('sess~c.1', { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'bad' } });
      expect(await reader.unansweredRequests!('sess~c.1')).toEqual([]);
      await writer.storeEvent('sess~c.0');
      expect(await reader.unansweredRequests!('sess~c.0')).toBeUndefined(); // named no request
      expect(await reader.unansweredRequests!('sess~nobody.1')).toBeUndefined();
    });

    it('refuses ids that are malformed, unknown, or name an event trimmed away; stays bounded', async () => {
      const connection = await connect();
      const store = createRedisEventStore(connection, { maxEventsPerStream: 10 });
      const ids: string[] = [];
      for (let n = 0; n < 400; n++) ids.push(await store.storeEvent('s_x.2', message(n)));
      for (const id of ['nonsense', 's_x.2_abc', 's_x.2_1-', 'other.1_1-0', `${ids[399]!.slice(0, -1)}9`])
        expect((await replay(store, id)).streamId).toBeUndefined();
      // MAXLEN ~ trims whole blocks: well under 400 remain, and the first events are gone.
      const length = await connection.xlen('rxmcp:sse:s_x.2');
      expect(length).toBeGreaterThanOrEqual(10);
      expect(length).toBeLessThan(400);
      expect(await replay(store, ids[0]!)).toEqual({ streamId: undefined, sent: [] });
      expect((await replay(store, ids[397]!)).sent).toEqual([
        [ids[398], message(398)],
        [ids[399], message(399)],
      ]);
    });

    it('gives each stream an expiry, pushed back by each event, and forgets deleted streams', async () => {
      const connection = await connect();
      const store = createRedisEventStore(connection, { ttl: 60_000, prefix: 'p:' });
      const first = await store.storeEvent('t.1', message(1));
      const ttl = await connection.pttl('p:t.1');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await store.deleteStream!('t.1');
      expect(await connection.exists('p:t.1')).toBe(0);
      expect((await replay(store, first)).streamId).toBeUndefined();
    });

    it('rejects while Redis is unreachable (the transport then sends the event without an id)', async () => {
      const connection = await connect();
      const store = createRedisEventStore(connection);
      connection.disconnect();
      await expect(store.storeEvent('u.1', message(1))).rejects.toThrow();
      await expect(replay(store, 'u.1_1-0')).rejects.toThrow();
    });
  });

  describe('createRedisTaskStore', () => {
    const TASKS = 'io.modelcontextprotocol/tasks';
    let id = 0;
    /** A server of one "process": its own connection, the shared store. */
    const node = async (name: string) => {
      const server = new McpServer(
        { name: 'tasks', version: '1.0.0' },
        { tasks: { store: createRedisTaskStore(await connect(), asyncScheduler), pollIntervalMs: 20 } },
      );
      server.tool(
        'slow',
        { inputSchema: z.object({ ms: z.number() }), execution: { taskSupport: 'optional' } },
        ({ ms }) => timer(ms).pipe(map(() => `slept ${ms} on ${name}`)),
      );
      return server;
    };
    const send = (server: McpServer, method: string, params: Record<string, unknown>) =>
      lastValueFrom(
        server
          .serveModern(
            request(++id, method, {
              ...params,
              _meta: {
                'io.modelcontextprotocol/protocolVersion': '2026-07-28',
                'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS]: {} } },
              },
            }),
            {},
          )
          .pipe(
            map(({ message: reply }: { message: JSONRPCMessage }) =>
              'result' in reply
                ? (reply.result as Record<string, any>)
                : { error: (reply as { error: { code: number } }).error.code },
            ),
          ),
      );

    it('lets another server get a task created on one, and see it complete', async () => {
      const [a, b] = [await node('a'), await node('b')];
      const created = await send(a, 'tools/call', { name: 'slow', arguments: { ms: 300 } });
      expect(created).toMatchObject({ resultType: 'task', status: 'working' });
      const taskId = created['taskId'] as string;
      expect(await send(b, 'tasks/get', { taskId })).toMatchObject({ taskId, status: 'working' });
      // b sees a's work end through the shared store, with a's result.
      const deadline = Date.now() + 30_000;
      let task = await send(b, 'tasks/get', { taskId });
      while (task['status'] === 'working' && Date.now() < deadline) {
        await lastValueFrom(timer(20));
        task = await send(b, 'tasks/get', { taskId });
      }
      expect(task).toMatchObject({
        taskId,
        status: 'completed',
        result: { content: [{ type: 'text', text: 'slept 300 on a' }] },
      });
      expect(await send(b, 'tasks/get', { taskId: 'no-such-task' })).toHaveProperty('error');
    });

    it('expires a record with its ttl, in Redis too', async () => {
      const connection = await connect();
      const store = createRedisTaskStore(connection, asyncScheduler, { prefix: 'ttl:' });
      const now = Date.now();
      await firstValueFrom(
        store.create({
          taskId: 'short',
          status: 'working',
          createdAt: now,
          lastUpdatedAt: now,
          ttlMs: 60_000,
          owner: 'me',
        }),
        { defaultValue: undefined },
      );
      const pttl = await connection.pttl('ttl:task:short');
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(60_000);
      await firstValueFrom(
        store.create({ taskId: 'gone', status: 'working', createdAt: now - 10_000, lastUpdatedAt: now, ttlMs: 5_000 }),
        { defaultValue: undefined },
      );
      expect(await firstValueFrom(store.get('gone'))).toBeUndefined();
      expect((await firstValueFrom(store.list('me', undefined, 10))).tasks.map((task) => task.taskId)).toEqual([
        'short',
      ]);
      expect((await firstValueFrom(store.list('someone else', undefined, 10))).tasks).toEqual([]);
      // put replaces only a record that exists, keeping its expiry.
      await firstValueFrom(
        store.put({ taskId: 'never-created', status: 'completed', createdAt: now, lastUpdatedAt: now, ttlMs: null }),
        { defaultValue: undefined },
      );
      expect(await connection.exists('ttl:task:never-created')).toBe(0);
      await firstValueFrom(
        store.put({
          taskId: 'short',
          status: 'completed',
          createdAt: now,
          lastUpdatedAt: now + 1,
          ttlMs: 60_000,
          owner: 'me',
        }),
        { defaultValue: undefined },
      );
      expect(await firstValueFrom(store.get('short'))).toMatchObject({ status: 'completed' });
      expect(await connection.pttl('ttl:task:short')).toBeGreaterThan(0);
    });
  });
});
