import { status } from '@grpc/grpc-js';
import { HoldStatus, SeatStatus } from '@ticketing/inventory-contract';
import { createRedisClient } from '@ticketing/redis';
import { cleanupRedisKeys, demoEventRequest, localStandIns, waitFor } from '@ticketing/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, failureOf } from './support/grpc-call';
import { holdSeats, seatIds, seatStatuses } from './support/holds';
import { startTestInventory, type TestInventory } from './support/inventory-test-app';
import { metricValue } from './support/metrics';

const eventId = 'evt_redis';
const clusterNodes = localStandIns.redis.cluster.nodes.map((node) => `${node.host}:${node.port}`).join(',');

describe('Redis is an accelerator, never the arbiter', () => {
  let inventory: TestInventory | undefined;
  afterEach(async () => {
    await inventory?.close();
    inventory = undefined;
  });

  async function start(env: Record<string, string>) {
    inventory = await startTestInventory(env);
    if (env['REDIS_REQUIRED'] === 'true') {
      // ioredis connects in the background with its offline queue off: until it is connected the gate
      // is (correctly) bypassed, which would make the counts below depend on timing. Wait for it.
      const port = inventory.app.httpPort;
      await waitFor(async () => ((await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { checks: { redis?: string } }).checks.redis === 'ok', {
        description: 'the inventory to reach Redis',
        timeoutMs: 20_000,
      });
    }
    await inventory.rpc.createEvent(
      demoEventRequest({ eventId, sections: [{ sectionId: 'A', rows: 2, seatsPerRow: 5, priceMinor: 1_000 }] }),
      { metadata: inventory.admin },
    );
    return inventory;
  }

  it('keeps holding seats correctly on DynamoDB alone when Redis is unreachable', async () => {
    const { rpc, app } = await start({ REDIS_URL: 'redis://127.0.0.1:9' });
    const first = await holdSeats(rpc, eventId, { selection: seatIds('A-A1', 'A-A2') });
    expect(first.hold?.status).toBe(HoldStatus.ACTIVE);
    const second = await failureOf(holdSeats(rpc, eventId, { userId: 'user-2', selection: seatIds('A-A2', 'A-A3') }));
    expect(second.code).toBe(status.ABORTED);
    expect(second.detail?.conflictingSeatIds).toEqual(['A-A2']);
    expect(await seatStatuses(rpc, eventId, 'A-A1', 'A-A3')).toEqual([SeatStatus.HELD, SeatStatus.AVAILABLE]);
    expect(await metricValue(app.httpPort, 'inventory_redis_gate_total', { decision: 'bypassed' })).toBeGreaterThanOrEqual(2);
    expect(await metricValue(app.httpPort, 'inventory_hold_conflicts_total', { detected_by: 'dynamodb' })).toBe(1);
  });

  it('rejects contested seats in the Redis Cluster gate without asking DynamoDB', async () => {
    const { rpc, app } = await start({ REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: clusterNodes, REDIS_REQUIRED: 'true' });
    await holdSeats(rpc, eventId, { selection: seatIds('A-B1') });
    const transactionsBefore = await metricValue(app.httpPort, 'inventory_dynamodb_calls_total', { operation: 'TransactWriteItems' });
    const refused = await failureOf(holdSeats(rpc, eventId, { userId: 'user-2', selection: seatIds('A-B1', 'A-B2') }));
    expect(refused.detail).toMatchObject({ code: 'INVENTORY_CONFLICT', conflictingSeatIds: ['A-B1'] });
    expect(await metricValue(app.httpPort, 'inventory_dynamodb_calls_total', { operation: 'TransactWriteItems' })).toBe(
      transactionsBefore,
    );
    expect(await metricValue(app.httpPort, 'inventory_hold_conflicts_total', { detected_by: 'redis' })).toBe(1);
  });

  it('after Redis lost its keys, DynamoDB still refuses taken seats and re-teaches the gate', async () => {
    const { rpc, app, redisKeyPrefix } = await start({ REDIS_REQUIRED: 'true' });
    await holdSeats(rpc, eventId, { selection: seatIds('A-B3') });

    const redis = createRedisClient(localStandIns.redis.standalone);
    try {
      await new Promise((resolve) => redis.once('ready', resolve));
      expect(await cleanupRedisKeys(redis, redisKeyPrefix)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }

    expect(await seatStatuses(rpc, eventId, 'A-B3')).toEqual([SeatStatus.HELD]);
    const caughtByDynamoDb = await failureOf(holdSeats(rpc, eventId, { userId: 'user-2', selection: seatIds('A-B3') }));
    expect(caughtByDynamoDb.detail?.code).toBe('INVENTORY_CONFLICT');
    expect(await metricValue(app.httpPort, 'inventory_hold_conflicts_total', { detected_by: 'dynamodb' })).toBe(1);

    const caughtByRedis = await failureOf(holdSeats(rpc, eventId, { userId: 'user-3', selection: seatIds('A-B3') }));
    expect(caughtByRedis.detail?.code).toBe('INVENTORY_CONFLICT');
    expect(await metricValue(app.httpPort, 'inventory_hold_conflicts_total', { detected_by: 'redis' })).toBe(1);
  });

  it('asks callers for the client token when one is configured', async () => {
    const { rpc } = await start({ INVENTORY_CLIENT_TOKEN: 'client-token-0123456789' });
    const anonymous = await failureOf(rpc.getSeatMap({ eventId }));
    expect(anonymous.code).toBe(status.UNAUTHENTICATED);
    const metadata = bearer('client-token-0123456789');
    expect((await rpc.getSeatMap({ eventId }, { metadata })).seats).toHaveLength(10);
  });
});
