import { randomUUID } from 'node:crypto';
import { startRedisServer, waitFor, type PrivateRedisServer } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

/*
 * Redis dies in the middle of a sale (the inventory and the API as processes, both on a Redis of
 * this test's own): the gate, the seat view, the rate limiter and the Idempotency-Key claims all
 * fall back without one 5xx, and come back to Redis by themselves once it answers again.
 */
const eventId = 'evt_redis_outage';

describe('a sale through a Redis outage', () => {
  let redis: PrivateRedisServer;
  let stack: ReservationStack;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startReservationStack({
      eventId,
      sections: [{ sectionId: 'A', rows: 4, seatsPerRow: 10, priceMinor: 5_000 }],
      inventoryEnv: { REDIS_URL: redis.url },
      apiEnv: { REDIS_URL: redis.url, OUTBOX_RELAY_ENABLED: 'false', RATE_LIMIT_ENABLED: 'true' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  const reserve = (sub: string, body: Record<string, unknown>, key = randomUUID()) =>
    fetch(`${stack.base}/v1/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token(sub)}`, 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: eventId, ...body }),
    });
  const dynamodbCalls = async () =>
    (await (await fetch(`${stack.base}/metrics`)).text())
      .split('\n')
      .filter((line) => line.startsWith('reservation_api_dynamodb_calls_total{'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

  it('sells and refuses without a 5xx while Redis is gone, then goes back to Redis', async () => {
    expect((await reserve('early', { seat_ids: ['A-A1'] })).status).toBe(201);
    await redis.stop();

    const replayKey = randomUUID();
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, index) => reserve(`loser-${index}`, { seat_ids: ['A-A1'] })),
      ...Array.from({ length: 10 }, (_, index) => reserve(`buyer-${index}`, { seat_ids: [`A-B${index + 1}`] })),
      ...Array.from({ length: 5 }, (_, index) => reserve(`any-${index}`, { qty: 2 })),
      reserve('replayer', { seat_ids: ['A-C1'] }, replayKey),
    ]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 409));
    expect(statuses.slice(10)).toEqual(Array.from({ length: 16 }, () => 201));
    const replay = await reserve('replayer', { seat_ids: ['A-C1'] }, replayKey);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await fetch(`${stack.base}/v1/events/${eventId}/seats`, { headers: { authorization: `Bearer ${stack.token('x')}` } })).status).toBe(200);

    await redis.start();
    // Once the circuits have closed again, a refused POST costs DynamoDB nothing again.
    await waitFor(
      async () => {
        const before = await dynamodbCalls();
        const refused = await reserve(`late-${randomUUID()}`, { seat_ids: ['A-A1'] });
        expect(refused.status).toBe(409);
        return (await dynamodbCalls()) === before;
      },
      { description: 'the API and the inventory to use Redis again', timeoutMs: 60_000, intervalMs: 500 },
    );
  });
});
