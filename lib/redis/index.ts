/**
 * @module
 * rxmcp/redis: one logical MCP server on many processes, sharing state through Redis (the
 * `ioredis` client, an optional peer dependency).
 */
export { connectRedis } from './connect-redis.js';
export { createRedisTaskStore, type RedisTaskStoreOptions } from './redis-task-store.js';
export { createRedisEventStore, type RedisEventStoreOptions } from './redis-event-store.js';
export { createRedisTaskBus, type RedisTaskBus, type RedisTaskBusOptions } from './redis-task-bus.js';
export {
  createRedisSessionStore,
  type RedisSessionStore,
  type RedisSessionStoreOptions,
} from './redis-session-store.js';
export { createRedisEventBus, type RedisEventBus, type RedisEventBusOptions } from './redis-event-bus.js';
export { canShareState, shareOnRedis, type ShareOnRedisOptions, type SharedStateTarget } from './share-on-redis.js';
export { sharedRequestStateKeys, type SharedRequestStateKeysOptions } from './shared-request-state-keys.js';
export {
  createSessionForwarding,
  type SessionForwarding,
  type SessionForwardingOptions,
} from './session-forwarding.js';
