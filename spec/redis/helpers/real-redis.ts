/**
 * A redis-server for the file or describe that calls it: started in `beforeAll`, stopped in
 * `afterAll`; `connect()` opens a client that is disconnected after each test.
 *
 * @example
 * const redis = useRealRedis();
 * it('…', async () => { const client = await redis.connect(); });
 */
import type { Redis } from 'ioredis';
import { connectRedis } from '../../../lib/redis/index.js';
import { startRedis, type RedisProcess } from '../../support/redis-server.js';

export interface RealRedis {
  /** The running server (its URL, `kill()` to crash it). */
  readonly server: RedisProcess;
  /** A fresh client, disconnected after the test. */
  connect(): Promise<Redis>;
}

export function useRealRedis(): RealRedis {
  let server: RedisProcess | undefined;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterEach(() => clients.splice(0).forEach((client) => client.disconnect()));
  afterAll(() => server?.stop());
  return {
    get server() {
      return server!;
    },
    async connect() {
      const client = await connectRedis(server!.url);
      clients.push(client);
      return client;
    },
  };
}
