import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashTaggedKey } from '../src/hash-tagged-key';
import { createRedisClient, type RedisClient, type RedisConnectionConfig } from '../src/redis-client.factory';
import { whenRedisReady } from '../src/redis-ready';
import { claimKeys } from './support/claim-keys.script';
import { clusterRedis, standaloneRedis, uniqueKeyPrefix } from './support/stand-ins';

const ttlMs = 60_000;
const seatKeys = (...seats: string[]) => seats.map((seat) => hashTaggedKey('evt_1:A', 'seat', seat));

describe.each([
  ['standalone Redis', standaloneRedis],
  ['the Redis Cluster', clusterRedis],
] satisfies [string, RedisConnectionConfig][])('the all-or-nothing claim script on %s', (_, config) => {
  let client: RedisClient;
  const used: string[] = [];
  beforeEach(async () => {
    client = createRedisClient(config, { keyPrefix: uniqueKeyPrefix() });
    await whenRedisReady(client);
  });
  afterEach(async () => {
    // One DEL per key: in a cluster a multi-key DEL across slots is itself a CROSSSLOT error.
    await Promise.all(used.splice(0).map((key) => client.del(key)));
    await client.quit();
  });
  const track = (keys: string[]) => (used.push(...keys), keys);

  it('claims every free key with the owner token and a TTL', async () => {
    const keys = track(seatKeys('A-1', 'A-2', 'A-3'));

    expect(await claimKeys(client, keys, 'rsv_1', ttlMs)).toBe(0);

    for (const key of keys) {
      expect(await client.get(key)).toBe('rsv_1');
      const remaining = await client.pttl(key);
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(ttlMs);
    }
  });

  it('claims nothing when one key is taken, and says which', async () => {
    const [a1, a2, a3, a4] = track(seatKeys('A-1', 'A-2', 'A-3', 'A-4')) as [string, string, string, string];
    await claimKeys(client, [a2], 'rsv_1', ttlMs);

    expect(await claimKeys(client, [a1, a3, a2, a4], 'rsv_2', ttlMs)).toBe(3);

    expect(await Promise.all([a1, a3, a4].map((key) => client.exists(key)))).toEqual([0, 0, 0]);
    expect(await client.get(a2)).toBe('rsv_1');
  });
});

describe('the Redis Cluster and hash tags', () => {
  let client: RedisClient;
  let prefix: string;
  // CLUSTER KEYSLOT takes a string, not a key, so ioredis does not prefix it: add the prefix here.
  const slotOf = (key: string) => client.cluster('KEYSLOT', `${prefix}${key}`);
  beforeEach(async () => {
    prefix = uniqueKeyPrefix();
    client = createRedisClient(clusterRedis, { keyPrefix: prefix });
    await whenRedisReady(client);
  });
  afterEach(() => client.quit());

  it('puts hash-tagged keys of one section in one slot, whatever the prefix', async () => {
    const slots = await Promise.all(seatKeys('A-1', 'B-7', 'Z-99').map(slotOf));
    expect(new Set(slots)).toEqual(new Set([await client.cluster('KEYSLOT', 'evt_1:A')]));
  });

  it('rejects the script with CROSSSLOT when the keys share no hash tag', async () => {
    const keys = ['seat:A-1', 'seat:A-2', 'seat:A-3'];
    const slots = await Promise.all(keys.map(slotOf));
    expect(new Set(slots).size, 'precondition: the keys hash to different slots').toBeGreaterThan(1);

    await expect(claimKeys(client, keys, 'rsv_1', ttlMs)).rejects.toThrow(/CROSSSLOT/);

    expect(await Promise.all(keys.map((key) => client.exists(key)))).toEqual([0, 0, 0]);
  });
});
