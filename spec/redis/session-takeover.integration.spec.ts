// A 2025 session outlives its node: three `rxmcp run --redis` nodes behind nginx (round-robin, no
// affinity), a session of the official SDK (v1) client with a log level and a resource
// subscription; its node is killed (SIGKILL). The same session id goes on working on the two
// survivors — one of them took it over from its state in Redis — with no new initialize: calls
// succeed, all on one node, the log level still applies, resource updates still arrive on the
// standalone stream the client reopened, and a DELETE removes the state from Redis. A call in
// flight on a node that is killed settles at once with an error (its stream, resumed on a
// survivor, ends with one), not at its timeout, and the session goes on.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema,
  LoggingMessageNotificationSchema,
  McpError,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../lib/redis/index.js';
import { LOST_REQUEST_MESSAGE } from '../../lib/server/http/lost-requests.js';
import { BUILD_TIMEOUT_MS, ensureBuiltCli } from '../everything/build-cli-once.js';
import { until } from '../support/until.js';
import { sdkReconnection, startCluster, textOf, type Cluster } from './helpers/cluster.js';
import { modernCall } from './helpers/modern-http.js';

describe('a 2025 session taken over by another node when its node dies (official SDK client)', () => {
  let cluster: Cluster;
  let redis: Redis;
  let client: Client;
  let transport: StreamableHTTPClientTransport;
  /** Each POST's JSON-RPC method (`response` for an answer), and each GET: its Last-Event-ID and status. */
  const posts: string[] = [];
  const gets: { lastEventId: string | null; status: number }[] = [];
  const logs: string[] = [];
  const updated: string[] = [];

  beforeAll(async () => {
    await ensureBuiltCli();
    cluster = await startCluster(3);
    redis = await connectRedis(cluster.redis.url);
    const recordingFetch: typeof fetch = async (input, init) => {
      if (init?.method === 'POST')
        posts.push((JSON.parse(String(init.body)) as { method?: string }).method ?? 'response');
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') === 'GET')
        gets.push({ lastEventId: new Headers(init?.headers).get('last-event-id'), status: response.status });
      return response;
    };
    transport = new StreamableHTTPClientTransport(new URL(cluster.url), {
      fetch: recordingFetch,
      reconnectionOptions: sdkReconnection(20),
    });
    client = new Client({ name: 'sdk-v1', version: '1.0.0' }, { capabilities: {} });
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(String(notification.params.data));
    });
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updated.push(notification.params.uri);
    });
    await client.connect(transport);
  }, BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await client?.close();
    redis?.disconnect();
    await cluster?.stop();
  });

  const callText = async (name: string) =>
    textOf(await client.callTool({ name, arguments: {} }, CallToolResultSchema, { timeout: 60_000 }));
  /** `touch` straight on a node (a 2026-07-28 request): the update reaches the session through Redis. */
  const touch = (url: string, n: number) =>
    modernCall(`${url}/mcp`, `touch${n}`, 'tools/call', { name: 'touch', arguments: { uri: 'test://watched' } });

  it('keeps serving the session on the survivors after its node is killed, with no new initialize', async () => {
    const sessionId = transport.sessionId!;
    const key = `rxmcp:session:${sessionId}`;
    const owner = cluster.nodes.find((node) => node.stderr.includes(`node ${sessionId.split('.')[0]},`))!;
    const survivors = cluster.nodes.filter((node) => node !== owner);
    await client.setLoggingLevel('warning');
    await client.subscribeResource({ uri: 'test://watched' });
    // The state is in Redis, owned by the session's node.
    const state = JSON.parse((await redis.hget(key, 'state'))!) as Record<string, unknown>;
    expect(state).toMatchObject({
      protocolVersion: expect.any(String),
      initialized: true,
      logLevel: 'warning',
      subscriptions: ['test://watched'],
      client: { clientInfo: { name: 'sdk-v1', version: '1.0.0' } },
    });
    expect(await redis.hget(key, 'owner')).toBe(sessionId.split('.')[0]);
    const ownerPid = await callText('node');
    expect(await callText('log')).toBe(ownerPid);
    expect(logs).toEqual([`warning from ${ownerPid}`]);
    // The standalone stream is open (the SDK opens it after initializing): updates arrive.
    await until(() => gets.some((get) => get.status === 200), 'the standalone stream', 60_000);
    await touch(survivors[0]!.url, 0);
    await until(() => updated.length === 1, 'the update before the kill', 60_000);

    await owner.kill();
    const getsBefore = gets.length;

    // Calls go on, whichever survivor nginx picks: all served by the one node that took it over.
    const pids = new Set<string>();
    for (let round = 0; round < 6; round++) pids.add(await callText('node'));
    expect(pids.size).toBe(1);
    expect(pids.has(ownerPid)).toBe(false);
    const [adopterPid] = [...pids];
    const adopter = (await redis.hget(key, 'owner'))!;
    expect(survivors.some((node) => node.stderr.includes(`node ${adopter},`))).toBe(true);

    // The log level still applies.
    expect(await callText('log')).toBe(adopterPid);
    expect(logs).toEqual([`warning from ${ownerPid}`, `warning from ${adopterPid}`]);

    // The client reopened its standalone stream (Last-Event-ID) on a survivor: updates still arrive.
    await until(
      () => gets.slice(getsBefore).some((get) => get.status === 200 && get.lastEventId !== null),
      'the standalone stream resumed on a survivor',
      60_000,
    );
    for (const [index, node] of survivors.entries()) {
      await touch(node.url, index + 1);
      await until(() => updated.length === index + 2, `the update made on survivor ${index}`, 60_000);
    }
    expect(updated).toEqual(['test://watched', 'test://watched', 'test://watched']);

    // One session all along: one initialize, the same id.
    expect(posts.filter((method) => method === 'initialize')).toHaveLength(1);
    expect(transport.sessionId).toBe(sessionId);

    // DELETE ends it, in Redis too.
    expect(await redis.exists(key)).toBe(1);
    await transport.terminateSession();
    expect(await redis.exists(key)).toBe(0);
  }, 180_000);

  it('settles a call in flight on the killed node with an error at once, and the session goes on', async () => {
    const slowTransport = new StreamableHTTPClientTransport(new URL(cluster.url), {
      reconnectionOptions: sdkReconnection(20),
    });
    const slowClient = new Client({ name: 'sdk-v1-slow', version: '1.0.0' }, { capabilities: {} });
    await slowClient.connect(slowTransport);
    try {
      const sessionId = slowTransport.sessionId!;
      const owner = cluster.nodes.find((node) => node.stderr.includes(`node ${sessionId.split('.')[0]},`))!;
      // 50 steps of a second: far longer than the spec waits; its stream is primed by the first progress.
      const timeout = 300_000;
      let progress = 0;
      let settled: { error?: unknown; at: number } | undefined;
      void slowClient
        .callTool({ name: 'count', arguments: { n: 50, ms: 1000 } }, CallToolResultSchema, {
          timeout,
          onprogress: () => void progress++,
        })
        .then(
          () => (settled = { at: Date.now() }),
          (error: unknown) => (settled = { error, at: Date.now() }),
        );
      await until(() => progress >= 1, 'the first progress of the slow call', 60_000);
      expect(settled).toBeUndefined();
      await owner.kill();
      const killedAt = Date.now();

      await until(() => settled !== undefined, 'the slow call to settle', timeout / 2);
      expect(settled!.error).toBeInstanceOf(McpError);
      expect(settled!.error).toMatchObject({ code: -32603, message: expect.stringContaining(LOST_REQUEST_MESSAGE) });
      // At once (the client's next reconnection), not at the call's timeout.
      expect(settled!.at - killedAt).toBeLessThan(timeout / 3);

      // The session goes on, on a survivor, with no new initialize.
      expect(
        await slowClient.callTool({ name: 'node', arguments: {} }, CallToolResultSchema, { timeout: 60_000 }),
      ).toMatchObject({ content: [{ type: 'text' }] });
      expect(slowTransport.sessionId).toBe(sessionId);
    } finally {
      await slowClient.close();
    }
  }, 240_000);
});
