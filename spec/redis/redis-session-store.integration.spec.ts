// The 2025 session store on a real redis-server: a node saves and loads only the sessions it
// owns, a claim on a dead node's session has one winner however many race, a DELETE is the
// owner's; and, in one process, nodes on `serveMcp` + the forwarding: when the node holding a
// session stops answering, the two others race to take it over and one serves it from then on.
import type { Redis } from 'ioredis';
import { createRedisSessionStore, createSessionForwarding, type RedisSessionStore } from '../../lib/redis/index.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import type { SessionSnapshot } from '../../lib/server/session-snapshot.js';
import { serveMcp, type McpHttpServer } from '../../lib/node/http/index.js';
import { callTool, openSession, post, sessionHeaders } from '../node/http/helpers/raw-http.js';
import { useRealRedis } from './helpers/real-redis.js';

const snapshot: SessionSnapshot = {
  client: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
  protocolVersion: '2025-11-25',
  initialized: true,
  logLevel: 'warning',
  subscriptions: ['test://a'],
};

describe('createRedisSessionStore on a real Redis', () => {
  const { connect } = useRealRedis();
  const nodes = async (...ids: string[]): Promise<RedisSessionStore[]> =>
    Promise.all(ids.map(async (nodeId) => createRedisSessionStore(await connect(), { nodeId, ttl: 60_000 })));

  it('loads a session only on the node that owns it, and keeps it with an expiry', async () => {
    const [a, b] = await nodes('a', 'b');
    await a!.save('s1', snapshot);
    expect(await a!.load('s1')).toEqual(snapshot);
    expect(await b!.load('s1')).toBeUndefined();
    expect(await b!.ownerOf('s1')).toBe('a');
    const redis = await connect();
    expect(await redis.pttl('rxmcp:session:s1')).toBeGreaterThan(0);
    // Another node cannot overwrite it, nor delete it.
    await b!.save('s1', { ...snapshot, logLevel: 'debug' });
    await b!.delete('s1');
    expect(await a!.load('s1')).toEqual(snapshot);
    await a!.delete('s1');
    expect(await redis.exists('rxmcp:session:s1')).toBe(0);
    expect(await a!.ownerOf('s1')).toBeUndefined();
  });

  it('gives a dead node’s session to exactly one of the nodes racing to claim it', async () => {
    const [a, ...racers] = await nodes('a', 'b', 'c', 'd', 'e');
    await a!.save('s2', snapshot);
    const owners = await Promise.all(racers.map((racer) => racer.claim('s2', 'a')));
    const winner = owners[0]!;
    expect(['b', 'c', 'd', 'e']).toContain(winner);
    expect(new Set(owners)).toEqual(new Set([winner]));
    const loaded = await Promise.all(racers.map((racer) => racer.load('s2')));
    expect(loaded.filter((each) => each !== undefined)).toEqual([snapshot]);
    // The old owner has lost it; a claim from a node that is not the owner changes nothing.
    expect(await a!.load('s2')).toBeUndefined();
    expect(await a!.claim('s2', 'a')).toBe(winner);
    expect(await a!.claim('unknown', 'a')).toBeUndefined();
  });

  it('treats a damaged entry as no session', async () => {
    const [a] = await nodes('a');
    await (await connect()).hset('rxmcp:session:s3', 'owner', 'a', 'state', '{"client":42}');
    expect(await a!.load('s3')).toBeUndefined();
  });
});

describe('a session taken over in one process: three nodes on serveMcp and the forwarding', () => {
  const { connect } = useRealRedis();
  const running: McpHttpServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((node) => node.close()));
  });

  async function startNode(name: string, redis: Redis) {
    const server = new McpServer({ name, version: '1.0.0' });
    server.tool('who', { description: 'Names the node' }, () => name);
    const sessionStore = createRedisSessionStore(redis);
    const forwarding = createSessionForwarding(redis, { sessionStore });
    const node = await serveMcp(server, {
      sessionIdGenerator: forwarding.sessionIdGenerator,
      intercept: forwarding.forward,
      sessionStore,
    });
    running.push(node);
    await forwarding.register(node.url);
    return { node, url: `${node.url}/mcp`, nodeId: forwarding.nodeId };
  }
  const who = async (url: string, id: number, sessionId: string) => {
    const response = await post(url, callTool(id, 'who'), sessionHeaders(sessionId));
    return {
      status: response.status,
      text: ((await response.json()) as { result?: { content: { text: string }[] } }).result?.content[0]?.text,
    };
  };

  it('serves the session on the node that won the claim, the loser forwarding to it', async () => {
    const redis = await connect();
    const a = await startNode('a', redis);
    const b = await startNode('b', await connect());
    const c = await startNode('c', await connect());
    const sessionId = await openSession(a.url);
    expect(await who(b.url, 2, sessionId)).toEqual({ status: 200, text: 'a' });
    // Node a stops answering (its address stays in Redis, as after a crash).
    await running.splice(0, 1)[0]!.close();
    const [onB, onC] = await Promise.all([who(b.url, 3, sessionId), who(c.url, 4, sessionId)]);
    expect(onB.status).toBe(200);
    expect(onB.text).toBe(onC.text);
    const winner = onB.text === 'b' ? b : c;
    expect(await redis.hget(`rxmcp:session:${sessionId}`, 'owner')).toBe(winner.nodeId);
    for (const [n, node] of [b, c, b, c].entries())
      expect(await who(node.url, 10 + n, sessionId)).toEqual({ status: 200, text: winner === b ? 'b' : 'c' });
    // A DELETE on the other node reaches the owner, which forgets the session, in Redis too.
    const loser = winner === b ? c : b;
    const deleted = await fetch(loser.url, { method: 'DELETE', headers: sessionHeaders(sessionId) });
    expect(deleted.status).toBe(200);
    expect(await redis.exists(`rxmcp:session:${sessionId}`)).toBe(0);
    expect((await post(b.url, callTool(20, 'who'), sessionHeaders(sessionId))).status).toBe(404);
  });
});
