/**
 * @module
 * One call that puts a server on Redis: its event bus and its request-state keys.
 */
import type { Redis } from 'ioredis';
import { Subject, takeUntil } from 'rxjs';
import type { SharedServerState } from '../server/mcp-server-options.js';
import { createRedisEventBus, type RedisEventBusOptions } from './redis-event-bus.js';
import { sharedRequestStateKeys, type SharedRequestStateKeysOptions } from './shared-request-state-keys.js';

/** A server that can be put on shared state (`McpServer` is one, from any copy of rxmcp). */
export interface SharedStateTarget {
  useSharedState(state: SharedServerState): void;
}

/** Options of {@link shareOnRedis}. */
export interface ShareOnRedisOptions extends RedisEventBusOptions, SharedRequestStateKeysOptions {}

/** Whether `server` can be put on shared state. */
export const canShareState = (server: object): server is SharedStateTarget =>
  typeof (server as Partial<SharedStateTarget>).useSharedState === 'function';

/**
 * Gives `server` a Redis pub/sub event bus, held open, and the request-state keys stored in
 * Redis, so any process serving it answers any 2026-07-28 request, and every listen stream and
 * every 2025 session (list changes, subscribed resources) hears every change. Resolves once the bus is subscribed, with a function that lets go of it (and of the server's
 * subscription to other processes' events).
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * const release = await shareOnRedis(server, redis);
 * await serveMcp(server, { port: 3000 });
 */
export async function shareOnRedis(
  server: SharedStateTarget,
  redis: Redis,
  options: ShareOnRedisOptions = {},
): Promise<() => void> {
  const keys = await sharedRequestStateKeys(redis, options);
  const eventBus = createRedisEventBus(redis, options);
  const release = await eventBus.open();
  const released = new Subject<void>();
  server.useSharedState({
    eventBus,
    requestState: { keys },
    remoteEvents$: eventBus.remote$.pipe(takeUntil(released)),
  });
  return () => {
    released.next();
    release();
  };
}
