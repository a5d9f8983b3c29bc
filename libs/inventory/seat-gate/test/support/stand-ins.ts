import { Cluster, Redis } from 'ioredis';
import { localStandIns } from '@ticketing/testing';
import type { RedisConnection } from '../../src/lua-command';

/*
 * ioredis clients as the app's createRedisClient builds them (fail fast, never queue offline), on
  * the harness's stand-ins: the gate's tests drive raw connections of both topologies.
 */

/** The two topologies every gate and view test runs against. */
export type Topology = 'standalone' | 'cluster';

/** `[description, topology]` rows for `describe.each`. */
export const topologies: [string, Topology][] = [
  ['standalone Redis', 'standalone'],
  ['the Redis Cluster', 'cluster'],
];

const standaloneUrl = localStandIns.redis.standalone.url;
const clusterNodes = localStandIns.redis.cluster.nodes.map(({ host, port }) => ({ host, port }));

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
