import { createRedisClient, hashTaggedKey, type RedisClient, whenRedisReady } from '@ticketing/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupRedisKeys, isolatedRedisKeyPrefix } from '../src/isolated-redis-keys';
import { localStandIns } from '../src/stand-ins';

describe.each([
  ['standalone Redis', localStandIns.redis.standalone],
  ['the Redis Cluster', localStandIns.redis.cluster],
] as const)('isolated Redis keys on %s', (_, config) => {
  const clients: RedisClient[] = [];
  const connect = async (keyPrefix?: string) => {
    const client = createRedisClient(config, { keyPrefix });
    clients.push(client);
    await whenRedisReady(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.quit()));
  });

  it('gives different prefixes, and cleanup deletes only the keys of its prefix, across slots', async () => {
    const mine = isolatedRedisKeyPrefix();
    const other = isolatedRedisKeyPrefix();
    expect(mine).not.toBe(other);
    const client = await connect(mine);
    const neighbour = await connect(other);
    // Different hash tags spread these keys over several slots (and masters, in the cluster).
    const keys = ['evt_1:A', 'evt_1:B', 'evt_2:A', 'evt_3:C'].map((tag) => hashTaggedKey(tag, 'seat', '1'));
    const shared = hashTaggedKey('evt_1:A', 'seat', '1');
    await Promise.all(keys.map((key) => client.set(key, 'x', 'PX', 60_000)));
    await neighbour.set(shared, 'y', 'PX', 60_000);

    const deleted = await cleanupRedisKeys(client, mine);

    expect(deleted).toBe(keys.length);
    expect(await Promise.all(keys.map((key) => client.exists(key)))).toEqual(keys.map(() => 0));
    expect(await neighbour.get(shared)).toBe('y');
    await cleanupRedisKeys(neighbour, other);
    expect(await neighbour.exists(shared)).toBe(0);
  });
});
