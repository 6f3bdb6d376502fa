/**
 * @module
 * A {@link SessionStore} on Redis: the state of every 2025 session in one place, with the node
 * that holds it, so another node can take a session over when its node dies.
 */
import type { Redis } from 'ioredis';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { parseSessionSnapshot, type SessionStore } from '../server/session-snapshot.js';

/** Options of {@link createRedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** The prefix of each session's Redis hash. @defaultValue `'rxmcp:session:'` */
  prefix?: string;
  /**
   * Milliseconds a session's state is kept after its last use (each request pushes it back, at
   * most every tenth of it). Keep it above the endpoint's `sessionIdleTimeout`.
   *
   * @defaultValue 3 600 000 (an hour)
   */
  ttl?: number;
  /** This node's id (the owner it records). @defaultValue 12 random hex digits */
  nodeId?: string;
  /** Where the pushing back of expiries is timed. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
}

/** A {@link SessionStore} that knows which node holds each session; see {@link createRedisSessionStore}. */
export interface RedisSessionStore extends SessionStore {
  /** This node's id: the owner of the sessions it saves. */
  readonly nodeId: string;
  /** The node holding session `id`, `undefined` when Redis has no state for it. */
  ownerOf(id: string): Promise<string | undefined>;
  /**
   * Takes session `id` over from `from`, a node found dead, in one atomic step: resolves with the
   * owner afterwards (this node if it won, the node that got there first otherwise), `undefined`
   * when Redis has no state for the session.
   */
  claim(id: string, from: string): Promise<string | undefined>;
}

/** Saves when the session is this node's (or nobody's: a new one); 0 when another node has it. */
const SAVE = `local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'state', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;
/** Becomes the owner if the owner is still the dead node; answers the owner afterwards. */
const CLAIM = `local owner = redis.call('HGET', KEYS[1], 'owner')
if not owner then return false end
if owner == ARGV[1] then
  redis.call('HSET', KEYS[1], 'owner', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return ARGV[2]
end
return owner`;
/** Deletes the session if it is this node's. */
const DELETE = `if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** A random node id: 12 hex digits. */
export const randomNodeId = (): string =>
  Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );

/**
 * Creates the session store of one node. Each session is a hash `<prefix><sessionId>` with its
 * `owner` (a node id) and its `state` (the snapshot, JSON), expiring `ttl` after its last use. A
 * node saves only the sessions it owns and loads only those it owns (after a `claim`), so two
 * nodes never serve one session. Give it to the forwarding (`createSessionForwarding`) and to the
 * endpoint (`serveMcp`'s `sessionStore`).
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * const sessionStore = createRedisSessionStore(redis);
 * const eventStore = createRedisEventStore(redis);
 * const forwarding = createSessionForwarding(redis, { eventStore, sessionStore });
 * const running = await serveMcp(server, { sessionIdGenerator: forwarding.sessionIdGenerator, intercept: forwarding.forward, eventStore, sessionStore });
 * await forwarding.register(running.url);
 */
export function createRedisSessionStore(redis: Redis, options: RedisSessionStoreOptions = {}): RedisSessionStore {
  const prefix = options.prefix ?? 'rxmcp:session:';
  const ttl = Math.max(1, options.ttl ?? 3_600_000);
  const nodeId = options.nodeId ?? randomNodeId();
  const scheduler = options.scheduler ?? asyncScheduler;
  /** When each session held here last pushed its expiry back. */
  const touched = new Map<string, number>();
  const key = (id: string) => prefix + id;

  return {
    nodeId,
    async save(id, snapshot) {
      touched.set(id, scheduler.now());
      await redis.eval(SAVE, 1, key(id), nodeId, JSON.stringify(snapshot), ttl);
    },
    async load(id) {
      const [owner, state] = await redis.hmget(key(id), 'owner', 'state');
      if (owner !== nodeId || !state) return undefined;
      touched.set(id, scheduler.now());
      await redis.pexpire(key(id), ttl);
      try {
        return parseSessionSnapshot(JSON.parse(state));
      } catch {
        return undefined;
      }
    },
    async delete(id) {
      touched.delete(id);
      await redis.eval(DELETE, 1, key(id), nodeId);
    },
    touch(id) {
      const now = scheduler.now();
      if (now - (touched.get(id) ?? -Infinity) < ttl / 10) return;
      touched.set(id, now);
      redis.pexpire(key(id), ttl).catch(() => undefined);
    },
    async ownerOf(id) {
      return (await redis.hget(key(id), 'owner')) ?? undefined;
    },
    async claim(id, from) {
      const owner = (await redis.eval(CLAIM, 1, key(id), from, nodeId, ttl)) as string | null;
      if (owner === nodeId) touched.set(id, scheduler.now());
      return owner ?? undefined;
    },
  };
}
