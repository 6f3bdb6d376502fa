// Tasks on a real Redis, two "processes" in this one (two servers put on Redis with shareOnRedis,
// each with its own connection): a cancellation on B stops the work on A, a listen stream on B
// hears A's task, tasks/update on B reaches A; the store keeps the first terminal record.
import { asyncScheduler, firstValueFrom, lastValueFrom, map, Observable } from 'rxjs';
import { createRedisTaskStore, shareOnRedis } from '../../lib/redis/index.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { modernReplies, resultOrCode } from '../server/modern-replies.js';
import { until } from '../support/until.js';
import { useRealRedis } from './helpers/real-redis.js';

const withTasks = { elicitation: {}, extensions: { 'io.modelcontextprotocol/tasks': {} } };

describe('tasks shared on a real Redis (shareOnRedis)', () => {
  const { connect } = useRealRedis();
  const releases: (() => void)[] = [];
  afterEach(() => releases.splice(0).forEach((release) => release()));

  /** One "process": a server built with the default task store, then put on Redis. */
  async function node(name: string) {
    const seen = { aborted: 0, torn: 0 };
    const server = new McpServer({ name: 'tasks', version: '1.0.0' });
    server.tool('endless', { execution: { taskSupport: 'optional' } }, (_args, ctx) => {
      ctx.signal.addEventListener('abort', () => seen.aborted++);
      return new Observable<string>(() => () => seen.torn++);
    });
    server.tool('ask', { execution: { taskSupport: 'optional' } }, (_args, ctx) =>
      ctx
        .elicit({ message: 'Name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } })
        .pipe(map((answer) => `Hello, ${String(answer.content?.['name'])} (from ${name})`)),
    );
    releases.push(await shareOnRedis(server, await connect(), { onError: (error) => console.error(error) }));
    return { server, seen };
  }

  let id = 0;
  const messages = (server: McpServer, method: string, params: Record<string, unknown> = {}) =>
    modernReplies(server, ++id, method, params, withTasks);
  const send = async (server: McpServer, method: string, params?: Record<string, unknown>) =>
    resultOrCode(await lastValueFrom(messages(server, method, params)));

  it('a tasks/cancel on B stops the work on A (abort, teardown) and the task ends cancelled on both', async () => {
    const [a, b] = [await node('a'), await node('b')];
    const created = await send(a.server, 'tools/call', { name: 'endless' });
    expect(created).toMatchObject({ resultType: 'task', status: 'working' });
    const taskId = created['taskId'] as string;
    expect(await send(b.server, 'tasks/get', { taskId })).toMatchObject({ status: 'working' });
    expect(await send(b.server, 'tasks/cancel', { taskId })).toMatchObject({ resultType: 'complete' });
    // B answered once A had ended the work (B waited for A's record, not its own timeout).
    expect(a.seen).toEqual({ aborted: 1, torn: 1 });
    expect(a.server.tasks.runningCount).toBe(0);
    for (const server of [a.server, b.server])
      expect(await send(server, 'tasks/get', { taskId })).toMatchObject({
        status: 'cancelled',
        statusMessage: 'Cancelled by the client',
      });
  });

  it('a listen stream on B hears A’s task; tasks/update on B answers its input request on A', async () => {
    const [a, b] = [await node('a'), await node('b')];
    const created = await send(a.server, 'tools/call', { name: 'ask' });
    const taskId = created['taskId'] as string;
    const heard: Record<string, any>[] = [];
    const listen = messages(b.server, 'subscriptions/listen', { notifications: { taskIds: [taskId] } }).subscribe(
      (message) => message['method'] === 'notifications/tasks' && heard.push(message['params']),
    );
    try {
      let status = '';
      await until(() => {
        void send(b.server, 'tasks/get', { taskId }).then((task) => (status = task['status']));
        return status === 'input_required';
      }, 'the task to wait for input');
      const key = Object.keys((await send(b.server, 'tasks/get', { taskId }))['inputRequests'])[0]!;
      expect(
        await send(b.server, 'tasks/update', {
          taskId,
          inputResponses: { [key]: { action: 'accept', content: { name: 'Ada' } } },
        }),
      ).toMatchObject({ resultType: 'complete' });
      await until(() => heard.some((task) => task['status'] === 'completed'), 'the completion on B’s stream');
      expect(heard.at(-1)).toMatchObject({
        taskId,
        status: 'completed',
        result: { content: [{ type: 'text', text: 'Hello, Ada (from a)' }] },
      });
    } finally {
      listen.unsubscribe();
    }
  });

  it('the store never replaces a terminal record (atomically, in Redis)', async () => {
    const connection = await connect();
    const store = createRedisTaskStore(connection, asyncScheduler, { prefix: 'ended:' });
    const record = { taskId: 't', status: 'working' as const, createdAt: Date.now(), lastUpdatedAt: 0, ttlMs: 60_000 };
    await firstValueFrom(store.create(record), { defaultValue: undefined });
    const puts = [
      { ...record, status: 'completed' as const, lastUpdatedAt: 1, result: { content: [] } },
      { ...record, status: 'cancelled' as const, lastUpdatedAt: 2 },
      { ...record, status: 'working' as const, lastUpdatedAt: 3 },
    ];
    for (const put of puts) await firstValueFrom(store.put(put), { defaultValue: undefined });
    expect(await firstValueFrom(store.get('t'))).toMatchObject({ status: 'completed', lastUpdatedAt: 1 });
    expect(await connection.pttl('ended:task:t')).toBeGreaterThan(0); // its expiry kept
    await firstValueFrom(store.put({ ...record, taskId: 'absent' }), { defaultValue: undefined });
    expect(await connection.exists('ended:task:absent')).toBe(0);
  });
});
