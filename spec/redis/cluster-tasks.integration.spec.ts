// Three `rxmcp run --redis` nodes behind nginx (round-robin), tasks of the 2026-07-28 extension:
// a task created through the balancer is got on every node, its status notifications reach a
// listen stream on another node, and a tasks/cancel on a third node stops the work where it runs;
// and a 2025 session's experimental task, kept in Redis, notified on its stream and cancelled.
import { BUILD_TIMEOUT_MS, ensureBuiltCli } from '../everything/build-cli-once.js';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../lib/redis/index.js';
import {
  getStream,
  openSession,
  post,
  readSse,
  sessionHeaders,
  type SseReader,
} from '../node/http/helpers/raw-http.js';
import { until } from '../support/until.js';
import { startCluster, type Cluster } from './helpers/cluster.js';
import { messagesOf, modernCall, modernMessages, modernPost } from './helpers/modern-http.js';

const withTasks = { extensions: { 'io.modelcontextprotocol/tasks': {} } };
const resultOf = (messages: Record<string, unknown>[]) => messages.at(-1)?.['result'] as Record<string, any>;

describe('three nodes on Redis behind nginx, tasks', () => {
  let cluster: Cluster;
  let redis: Redis;
  beforeAll(async () => {
    await ensureBuiltCli();
    cluster = await startCluster(3, 'spec/redis/fixtures/task-cluster-server.ts');
    redis = await connectRedis(cluster.redis.url);
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  let id = 0;
  const call = async (url: string, method: string, params: Record<string, unknown> = {}) =>
    resultOf(await modernCall(url, ++id, method, params, withTasks));
  /** What a node saw stop (straight to it). */
  const stopsOn = async (url: string) =>
    JSON.parse((await call(url, 'tools/call', { name: 'stops', arguments: {} }))['content'][0].text) as {
      pid: string;
      aborted: string[];
      stopped: string[];
    };

  it('gets a task on every node, notifies a stream on another node, and stops it from a third', async () => {
    const urls = cluster.nodes.map((node) => `${node.url}/mcp`);
    const pids = await Promise.all(urls.map(async (url) => (await stopsOn(url)).pid));

    const created = await call(cluster.url, 'tools/call', { name: 'ticker', arguments: {} });
    expect(created).toMatchObject({ resultType: 'task', status: 'working' });
    const taskId = created['taskId'] as string;

    // Every node finds it; its status message names the node running it.
    let runnerPid: string | undefined;
    await until(
      () => {
        void Promise.all(urls.map((url) => call(url, 'tasks/get', { taskId }))).then((tasks) => {
          const names = tasks.map((task) => /tick \d+ on (\d+)/.exec(String(task?.['statusMessage']))?.[1]);
          if (tasks.every((task) => task?.['status'] === 'working') && names.every((name) => name && name === names[0]))
            runnerPid = names[0];
        });
        return runnerPid !== undefined;
      },
      'the task, ticking, on every node',
      60_000,
    );
    const runner = pids.indexOf(runnerPid!);
    expect(runner).toBeGreaterThanOrEqual(0);
    const [listener, canceller] = [0, 1, 2].filter((index) => index !== runner) as [number, number];

    // A listen stream on another node hears the runner's ticks.
    const response = await modernPost(
      urls[listener]!,
      'listen',
      'subscriptions/listen',
      { notifications: { taskIds: [taskId] } },
      withTasks,
    );
    expect(response.ok).toBe(true);
    const stream: SseReader = readSse(response);
    const statuses = () =>
      messagesOf(stream.events)
        .filter((message) => message['method'] === 'notifications/tasks')
        .map((message) => message['params'] as Record<string, any>);
    try {
      await stream.until(
        () => statuses().filter((task) => task['statusMessage']?.endsWith(`on ${runnerPid}`)).length >= 2,
        60_000,
      );

      // Cancelled on the third node: the runner aborts the handler's signal and tears the work down.
      expect(await call(urls[canceller]!, 'tasks/cancel', { taskId })).toMatchObject({ resultType: 'complete' });
      const onRunner = await stopsOn(urls[runner]!);
      expect(onRunner.aborted).toEqual([taskId]);
      expect(onRunner.stopped).toEqual([taskId]);
      for (const index of [listener, canceller])
        expect(await stopsOn(urls[index]!)).toMatchObject({ aborted: [], stopped: [] });

      await stream.until(() => statuses().some((task) => task['status'] === 'cancelled'), 60_000);
      const ends = statuses().filter((task) => ['completed', 'failed', 'cancelled'].includes(task['status']));
      expect(ends).toEqual([
        expect.objectContaining({ taskId, status: 'cancelled', statusMessage: 'Cancelled by the client' }),
      ]);
      for (const url of urls) {
        const task = await call(url, 'tasks/get', { taskId });
        expect(task).toMatchObject({ status: 'cancelled' });
        expect(task).not.toHaveProperty('result');
      }
    } finally {
      await stream.cancel();
    }
  }, 180_000);

  it('keeps a 2025 session’s task in Redis, notifies its stream, and cancels it through the balancer', async () => {
    const urls = cluster.nodes.map((node) => `${node.url}/mcp`);
    const sessionId = await openSession(cluster.url);
    const holder = cluster.nodes.findIndex((node) => node.stderr.includes(`node ${sessionId.split('.')[0]},`));
    const stream = readSse(await getStream(cluster.url, sessionId));
    const send = async (method: string, params: Record<string, unknown>) =>
      resultOf(
        await modernMessages(
          await post(cluster.url, { jsonrpc: '2.0', id: ++id, method, params }, sessionHeaders(sessionId)),
        ),
      );
    const statuses = () =>
      messagesOf(stream.events)
        .filter((message) => message['method'] === 'notifications/tasks/status')
        .map((message) => message['params'] as Record<string, any>);
    try {
      const created = await send('tools/call', { name: 'ticker', arguments: {}, task: { ttl: 60_000 } });
      expect(created).toMatchObject({ task: { status: 'working' } });
      const taskId = created['task'].taskId as string;
      // The record is in Redis (2025 tasks report no progress in their status: nothing is sent yet).
      expect(await send('tasks/get', { taskId })).toMatchObject({ taskId, status: 'working' });
      expect(JSON.parse((await redis.get(`rxmcp:tasks:task:${taskId}`))!)).toMatchObject({ taskId, status: 'working' });

      expect(await send('tasks/cancel', { taskId })).toMatchObject({ taskId, status: 'cancelled' });
      // The session's node ran it, and stopped it.
      expect(await stopsOn(urls[holder]!)).toMatchObject({ aborted: [taskId], stopped: [taskId] });
      await stream.until(() => statuses().some((task) => task['status'] === 'cancelled'), 60_000);
      expect(statuses()).toEqual([expect.objectContaining({ taskId, status: 'cancelled' })]);
      expect(JSON.parse((await redis.get(`rxmcp:tasks:task:${taskId}`))!)).toMatchObject({ status: 'cancelled' });
      expect(await send('tasks/get', { taskId })).toMatchObject({ status: 'cancelled' });
    } finally {
      await stream.cancel();
    }
  }, 180_000);
});
