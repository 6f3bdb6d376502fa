/**
 * @module
 * `rxmcp run --port N --redis URL`: puts the loaded server on Redis before serving it.
 */
import type { ConnectableServer } from '../../server/connectable.js';
import { CliError } from './load-server.js';
import type { SharedServing } from './serve-http.js';

/**
 * Connects to Redis at `url` and shares `server`'s event bus, request-state keys and tasks through it
 * (`rxmcp/redis`, loaded only here, so `ioredis` is needed only with `--redis`). Sessions (2025) are
 * forwarded to the node that holds them, and their state is kept in Redis, so another node takes a
 * session over when its node dies; their SSE events are kept in Redis Streams, so a stream can be
 * resumed on any node. Resolves with what serving needs, and a function that
 * lets go of Redis.
 *
 * @example
 * const { serving, release } = await useRedis(server, 'redis://127.0.0.1:6379', process.stderr);
 */
export async function useRedis(
  server: ConnectableServer,
  url: string,
  err: NodeJS.WritableStream,
): Promise<{ serving: SharedServing; release(): Promise<void> }> {
  let redisModule: typeof import('../../redis/index.js');
  try {
    redisModule = await import('../../redis/index.js');
  } catch (error) {
    throw new CliError(`--redis needs the ioredis package (npm install ioredis): ${(error as Error).message}`);
  }
  const {
    canShareState,
    connectRedis,
    createRedisEventStore,
    createRedisSessionStore,
    createSessionForwarding,
    shareOnRedis,
  } = redisModule;
  if (!canShareState(server))
    throw new CliError('--redis needs an McpServer (its module exports a server without useSharedState)');
  const redis = await connectRedis(url).catch((error: Error) => {
    throw new CliError(`--redis: could not connect to ${url}: ${error.message}`);
  });
  const release = await shareOnRedis(server, redis, {
    onError: (error) => err.write(`rxmcp: redis: ${error.message}\n`),
  });
  const eventStore = createRedisEventStore(redis);
  const sessionStore = createRedisSessionStore(redis);
  const forwarding = createSessionForwarding(redis, { eventStore, sessionStore });
  err.write(`rxmcp: node ${forwarding.nodeId}, sharing state through ${url.replace(/\/\/[^@/]*@/, '//***@')}\n`);
  return {
    serving: {
      sessionIdGenerator: forwarding.sessionIdGenerator,
      intercept: forwarding.forward,
      eventStore,
      sessionStore,
      listening: (address) => forwarding.register(address),
    },
    release: async () => {
      release();
      await forwarding.close();
      redis.disconnect();
    },
  };
}
