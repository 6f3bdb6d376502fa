/**
 * @module
 * One call that puts a server on Redis: its event bus and its request-state keys.
 */
import type { Redis } from 'ioredis';
import { asyncScheduler, type SchedulerLike, Subject, takeUntil } from 'rxjs';
import type { SharedServerState } from '../server/mcp-server-options.js';
import { createRedisEventBus, type RedisEventBusOptions } from './redis-event-bus.js';
import { createRedisTaskBus, type RedisTaskBusOptions } from './redis-task-bus.js';
import { createRedisTaskStore, type RedisTaskStoreOptions } from './redis-task-store.js';
import { sharedRequestStateKeys, type SharedRequestStateKeysOptions } from './shared-request-state-keys.js';

/** A server that can be put on shared state (`McpServer` is one, from any copy of rxmcp). */
export interface SharedStateTarget {
  useSharedState(state: SharedServerState): void;
}

/** Options of {@link shareOnRedis}. */
export interface ShareOnRedisOptions extends RedisEventBusOptions, SharedRequestStateKeysOptions {
  /** The tasks' key prefix (see `createRedisTaskStore`) and channel. @defaultValue `'rxmcp:tasks:'`, `'rxmcp:tasks'` */
  tasks?: RedisTaskStoreOptions & Pick<RedisTaskBusOptions, 'channel'>;
  /** The clock of task records; every process needs the same one. @defaultValue `asyncScheduler` (wall time) */
  scheduler?: SchedulerLike;
}

/** Whether `server` can be put on shared state. */
export const canShareState = (server: object): server is SharedStateTarget =>
  typeof (server as Partial<SharedStateTarget>).useSharedState === 'function';

/**
 * Gives `server` a Redis pub/sub event bus, held open, the request-state keys stored in Redis
 * and its tasks in Redis (a store and a bus, see `McpServer.useSharedState` for when a server
 * takes them), so any process serving it answers any 2026-07-28 request, every listen stream
 * and every 2025 session (list changes, subscribed resources, task status) hears every change,
 * and a task is found, updated and cancelled from any process. Resolves once both buses are
 * subscribed, with a function that lets go of them (and of the server's subscriptions to other
 * processes' events and task signals).
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
  const taskBus = createRedisTaskBus(redis, { ...options, channel: options.tasks?.channel });
  const releases = await Promise.all([eventBus.open(), taskBus.open()]);
  const released = new Subject<void>();
  try {
    server.useSharedState({
      eventBus,
      requestState: { keys },
      remoteEvents$: eventBus.remote$.pipe(takeUntil(released)),
      tasks: {
        store: createRedisTaskStore(redis, options.scheduler ?? asyncScheduler, options.tasks),
        bus: { publish: (signal) => taskBus.publish(signal), remote$: taskBus.remote$.pipe(takeUntil(released)) },
      },
    });
  } catch (error) {
    releases.forEach((release) => release());
    throw error;
  }
  return () => {
    released.next();
    releases.forEach((release) => release());
  };
}
