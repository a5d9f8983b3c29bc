import { afterAll, describe, expect, it } from 'vitest';
import { redisCli, redisClusterInfo, redisProcessId } from '../src/redis-cli';
import { startRedisCluster, type PrivateRedisCluster } from '../src/private-redis-cluster';
import { startRedisServer, type PrivateRedisServer } from '../src/private-redis-server';

const host = '127.0.0.1';

describe('a private redis-server', () => {
  let redis: PrivateRedisServer | undefined;
  afterAll(() => redis?.destroy());

  it('runs on its own port, stops (losing its keys) and starts again on the same port', async () => {
    redis = await startRedisServer();
    expect(redis.url).toBe(`redis://${host}:${redis.port}`);
    expect([6379, 7000, 7001, 7002]).not.toContain(redis.port);
    await redisCli(['-p', String(redis.port), 'SET', 'k', 'v']);

    await redis.stop();
    expect(redis.running).toBe(false);
    expect(await redisProcessId(host, redis.port)).toBeUndefined();

    await redis.start();
    expect(redis.running).toBe(true);
    expect((await redisCli(['-p', String(redis.port), 'EXISTS', 'k'])).trim()).toBe('0');
  });
});

describe('a private Redis Cluster', () => {
  let cluster: PrivateRedisCluster | undefined;
  afterAll(() => cluster?.destroy());

  it('forms three masters, and re-forms from nodes.conf after all nodes were stopped', async () => {
    cluster = await startRedisCluster();
    expect(cluster.nodes.split(',')).toHaveLength(3);
    const states = async () =>
      (await Promise.all(cluster!.ports.map((port) => redisClusterInfo(host, port)))).map((info) => [
        info.get('cluster_state'),
        info.get('cluster_known_nodes'),
        info.get('cluster_slots_assigned'),
      ]);
    expect(await states()).toEqual(Array.from({ length: 3 }, () => ['ok', '3', '16384']));

    await cluster.stop();
    expect(cluster.running).toBe(false);
    expect(await Promise.all(cluster.ports.map((port) => redisProcessId(host, port)))).toEqual([undefined, undefined, undefined]);

    await cluster.start();
    expect(await states()).toEqual(Array.from({ length: 3 }, () => ['ok', '3', '16384']));
  });
});
