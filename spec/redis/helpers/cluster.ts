/**
 * A real cluster for the Redis specs: a redis-server, N `rxmcp run --port 0 --redis` nodes of
 * the cluster fixture (the built CLI), and nginx balancing round-robin over them.
 */
import { binPath, ensureBuiltCli, root } from '../../everything/build-cli-once.js';
import { startNginx, type NginxProcess } from '../../support/nginx.js';
import { startRedis, type RedisProcess } from '../../support/redis-server.js';
import { spawnServing, type ServingChild } from '../../support/serving-child.js';

export const clusterServer = 'spec/redis/fixtures/cluster-server.ts';

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
  await ensureBuiltCli();
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
