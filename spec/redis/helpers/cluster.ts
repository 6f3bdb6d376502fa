/**
 * A real cluster for the Redis specs and the cluster benchmark: a redis-server, N `rxmcp run
 * --port 0 --redis` nodes of the cluster fixture (the built CLI: specs call `ensureBuiltCli()`
 * first, the benchmark builds), and nginx balancing round-robin over them. Run from the
 * repository root (jest and npm scripts do).
 */
import { join } from 'node:path';
import { startNginx, type NginxProcess } from '../../support/nginx.js';
import { startRedis, type RedisProcess } from '../../support/redis-server.js';
import { spawnServing, type ServingChild } from '../../support/serving-child.js';

export const clusterServer = 'spec/redis/fixtures/cluster-server.ts';
const root = process.cwd();
const binPath = join(root, 'dist', 'node', 'cli', 'bin.js');

/** The text of a tool result's first content block. */
export const textOf = (result: unknown): string =>
  (result as { content?: { text?: string }[] }).content?.[0]?.text ?? '';

/** The SDK client's stream reconnection in the cluster specs: quick, and patient enough for a loaded machine. */
export const sdkReconnection = (maxRetries: number) => ({
  initialReconnectionDelay: 200,
  maxReconnectionDelay: 2000,
  reconnectionDelayGrowFactor: 1.5,
  maxRetries,
});

export interface Cluster {
  readonly redis: RedisProcess;
  readonly nodes: ServingChild[];
  readonly balancer: NginxProcess;
  /** The balanced Streamable HTTP endpoint. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a node of the fixture on Redis at `redisUrl`. */
export function startNode(redisUrl: string, file = clusterServer): Promise<ServingChild> {
  return spawnServing(process.execPath, [binPath, 'run', file, '--port', '0', '--redis', redisUrl], root);
}

export async function startCluster(nodeCount = 3, file = clusterServer): Promise<Cluster> {
  const redis = await startRedis();
  const nodes: ServingChild[] = [];
  try {
    for (let i = 0; i < nodeCount; i++) nodes.push(await startNode(redis.url, file));
    const balancer = await startNginx(nodes.map((node) => node.url));
    return {
      redis,
      nodes,
      balancer,
      url: `${balancer.url}/mcp`,
      stop: async () => {
        await balancer.stop();
        await Promise.all(nodes.map((node) => node.stop()));
        await redis.stop();
      },
    };
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    await redis.stop();
    throw error;
  }
}
