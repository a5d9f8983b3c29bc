import { Cluster, Redis } from 'ioredis';
import type { RedisConnection } from '../../src/lua-command';

/*
 * Twin of @ticketing/testing's stand-ins and @ticketing/redis's createRedisClient, on purpose: this
 * lib is data-access, which may depend on util libs only, so its tests cannot import either. Same
 * variables, same defaults, same fail-fast client settings as the app; keep them in step.
 */
const env = process.env;

/** The two topologies every gate and view test runs against. */
export type Topology = 'standalone' | 'cluster';

/** `[description, topology]` rows for `describe.each`. */
export const topologies: [string, Topology][] = [
  ['standalone Redis', 'standalone'],
  ['the Redis Cluster', 'cluster'],
];

const standaloneUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const clusterNodes = (env['REDIS_CLUSTER_NODES'] ?? '127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002')
  .split(',')
  .map((node) => {
    const separator = node.lastIndexOf(':');
    return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
  });

/** Client settings as the app's `createRedisClient` sets them: fail fast, never queue offline. */
const failFast = { commandTimeout: 2_000, connectTimeout: 2_000, maxRetriesPerRequest: 1 } as const;

/** A ready client of the given topology, built like the app builds it. */
export async function connect(
  topology: Topology,
  { keyPrefix }: { keyPrefix?: string } = {},
): Promise<RedisConnection> {
  const client =
    topology === 'standalone'
      ? new Redis(standaloneUrl, { ...failFast, keyPrefix, enableOfflineQueue: false })
      : new Cluster(clusterNodes, { keyPrefix, enableOfflineQueue: false, redisOptions: failFast });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${topology} Redis not ready after 5 s`)), 5_000);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return client;
}

/** The servers holding data: the standalone server, or every cluster master. */
export function dataNodes(client: RedisConnection): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}
