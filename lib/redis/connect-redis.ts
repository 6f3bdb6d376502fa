/**
 * @module
 * A Redis connection set up for serving: connected before use, failing fast while Redis is away.
 */
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connects to `url` (`redis://[user:password@]host:port[/db]`) and resolves once connected;
 * rejects (and stops trying) when the first attempt fails.
 * Commands sent while the connection is down fail at once instead of queueing (the caller's
 * request fails clearly); the client reconnects by itself.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, ...options });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    // Later connection errors surface as failed commands; ioredis retries the connection on its own.
    lastError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect(); // no retrying in the background for a connection nobody will use
    throw lastError ?? error; // the cause (ECONNREFUSED…), not ioredis's "Connection is closed."
  }
  return redis;
}
