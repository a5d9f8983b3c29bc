import { TicketingError } from '@ticketing/errors';
import { cleanupRedisKeys, isolatedRedisKeyPrefix, localStandIns } from '@ticketing/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisClaims, runIdempotently, tableClaims, type ClaimStore, type IdempotentOutcome, type StoredResponse } from '../src';
import { holdReservation, type ReservationFixture, rejectionOf, reservationFixture, uniqueId } from './support/fixtures';

/** Where the claims are kept, for the engine under test. */
const claimStores: [string, (fx: ReservationFixture, redis: Redis) => ClaimStore][] = [
  ['the idempotency table', (fx) => tableClaims(fx.idempotency)],
  [
    'Redis, in front of the table',
    (fx, redis) => new RedisClaims(redis, fx.idempotency, tableClaims(fx.idempotency), { leaseMs: 30_000, ttlMs: 60_000 }),
  ],
];

/**
 * The idempotency engine over the real store on DynamoDB Local (and real Redis), with an adapter
 * as plain as a test can make it: a NOT_FOUND refusal is final (stored), anything else is not.
 */
describe.each(claimStores)('runIdempotently, claims kept in %s', (_, claimStoreOf) => {
  let fx: ReservationFixture & { readonly claims: ClaimStore };
  let redis: Redis;
  const keyPrefix = isolatedRedisKeyPrefix();
  beforeAll(async () => {
    redis = new Redis(localStandIns.redis.standalone.url, { keyPrefix, lazyConnect: true });
    await redis.connect();
    const fixture = await reservationFixture();
    fx = { ...fixture, claims: claimStoreOf(fixture, redis) };
  });
  afterAll(async () => {
    await cleanupRedisKeys(redis, keyPrefix);
    redis.disconnect();
    await fx.cleanup();
  });

  const adapter = {
    finalAnswerOf: (error: unknown): StoredResponse | undefined =>
      error instanceof TicketingError && error.code === 'NOT_FOUND' ? { statusCode: 404, body: { refused: error.message } } : undefined,
  };
  const request = () => ({ userId: 'user_engine', key: uniqueId('key'), requestHash: 'h1', now: new Date() });
  const creation = (): IdempotentOutcome => {
    const reservation = holdReservation({ userId: 'user_engine' });
    return { statusCode: 201, body: { reservation_id: reservation.reservationId }, writes: [fx.reservations.createWrite(reservation)] };
  };

  it('runs the work once and replays its answer to the same request', async () => {
    const asked = request();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return creation();
    };
    const first = await runIdempotently(fx, asked, work, adapter);
    const again = await runIdempotently(fx, { ...asked, now: new Date() }, work, adapter);
    expect(runs).toBe(1);
    expect(first).toMatchObject({ statusCode: 201, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    const id = (first.body as { reservation_id: string }).reservation_id;
    expect((await fx.reservations.get(id))?.reservationId).toBe(id);
  });

  it('refuses the same key for another request as IDEMPOTENCY_CONFLICT, running nothing', async () => {
    const asked = request();
    await runIdempotently(fx, asked, async () => creation(), adapter);
    let ran = false;
    const error = await rejectionOf(
      runIdempotently(fx, { ...asked, requestHash: 'h2' }, async () => ((ran = true), creation()), adapter),
    );
    expect(error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(ran).toBe(false);
  });

  it('stores a final refusal as the answer, and releases the key after one a retry may change', async () => {
    const refused = request();
    const notFound = new TicketingError('NOT_FOUND', 'no such thing');
    await expect(runIdempotently(fx, refused, async () => Promise.reject(notFound), adapter)).rejects.toBe(notFound);
    expect(await runIdempotently(fx, refused, async () => creation(), adapter)).toEqual({
      statusCode: 404,
      body: { refused: 'no such thing' },
      replayed: true,
    });

    const unavailable = request();
    await expect(runIdempotently(fx, unavailable, async () => Promise.reject(new Error('outage')), adapter)).rejects.toThrow('outage');
    expect(await runIdempotently(fx, unavailable, async () => creation(), adapter)).toMatchObject({ statusCode: 201, replayed: false });
  });

  it('compensates and releases the key when the transaction fails, so a retry runs again', async () => {
    const asked = request();
    const reservation = holdReservation({ userId: 'user_engine' });
    await fx.reservations.commit([fx.reservations.createWrite(reservation)]);
    let compensated = 0;
    const duplicate = async (): Promise<IdempotentOutcome> => ({
      statusCode: 201,
      body: {},
      writes: [fx.reservations.createWrite(reservation)],
      compensate: async () => void (compensated += 1),
    });
    await expect(runIdempotently(fx, asked, duplicate, adapter)).rejects.toBeDefined();
    expect(compensated).toBe(1);
    expect(await runIdempotently(fx, asked, async () => creation(), adapter)).toMatchObject({ statusCode: 201, replayed: false });
  });
});

/**
 * What keeping claims in Redis changes: a request that ends without writing costs the table
 * nothing, and the table still decides when Redis forgets or fails.
 */
describe('runIdempotently with claims in Redis', () => {
  let fx: ReservationFixture;
  let redis: Redis;
  let claims: ClaimStore;
  const keyPrefix = isolatedRedisKeyPrefix();
  const adapter = { finalAnswerOf: () => undefined };
  const request = () => ({ userId: 'user_redis', key: uniqueId('key'), requestHash: 'h1', now: new Date() });
  const creation = (): IdempotentOutcome => {
    const reservation = holdReservation({ userId: 'user_redis' });
    return { statusCode: 201, body: { reservation_id: reservation.reservationId }, writes: [fx.reservations.createWrite(reservation)] };
  };
  const stores = () => ({ claims, idempotency: fx.idempotency, reservations: fx.reservations });

  beforeAll(async () => {
    redis = new Redis(localStandIns.redis.standalone.url, { keyPrefix, lazyConnect: true });
    await redis.connect();
    fx = await reservationFixture();
    claims = new RedisClaims(redis, fx.idempotency, tableClaims(fx.idempotency), { leaseMs: 30_000, ttlMs: 60_000 });
  });
  afterAll(async () => {
    await cleanupRedisKeys(redis, keyPrefix);
    redis.disconnect();
    await fx.cleanup();
  });

  it('leaves no trace in the table when the work is refused with an answer a retry may change', async () => {
    const refused = request();
    const conflict = new TicketingError('INVENTORY_CONFLICT', 'seats taken');
    await expect(runIdempotently(stores(), refused, async () => Promise.reject(conflict), adapter)).rejects.toBe(conflict);
    expect(await fx.rawIdempotencyRecord(refused.userId, refused.key)).toBeUndefined();
    expect(await runIdempotently(stores(), refused, async () => creation(), adapter)).toMatchObject({ statusCode: 201, replayed: false });
  });

  it('answers IDEMPOTENCY_IN_PROGRESS to a duplicate while the first still runs', async () => {
    const asked = request();
    let finish: () => void = () => undefined;
    const first = runIdempotently(
      stores(),
      asked,
      () => new Promise<IdempotentOutcome>((resolve) => (finish = () => resolve(creation()))),
      adapter,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const duplicate = await rejectionOf(runIdempotently(stores(), asked, async () => creation(), adapter));
    expect(duplicate.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    finish();
    expect(await first).toMatchObject({ statusCode: 201, replayed: false });
  });

  it('replays from the table when Redis forgot the key: the duplicate is compensated, not stored twice', async () => {
    const asked = request();
    const first = await runIdempotently(stores(), asked, async () => creation(), adapter);
    await redis.del(`idem:{${asked.userId}}:${asked.key}`);
    let compensated = 0;
    const again = await runIdempotently(
      stores(),
      { ...asked, now: new Date() },
      async () => ({ ...creation(), compensate: async () => void (compensated += 1) }),
      adapter,
    );
    expect(again).toEqual({ ...first, replayed: true });
    expect(compensated).toBe(1);
  });

  it('falls back to the table when Redis does not answer', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    deadRedis.on('error', () => undefined);
    const viaTable = { ...stores(), claims: new RedisClaims(deadRedis, fx.idempotency, tableClaims(fx.idempotency), { leaseMs: 30_000, ttlMs: 60_000 }) };
    const asked = request();
    const first = await runIdempotently(viaTable, asked, async () => creation(), adapter);
    expect(first).toMatchObject({ statusCode: 201, replayed: false });
    expect(await fx.rawIdempotencyRecord(asked.userId, asked.key)).toMatchObject({ status: 'COMPLETED' });
    expect(await runIdempotently(viaTable, asked, async () => creation(), adapter)).toEqual({ ...first, replayed: true });
    deadRedis.disconnect();
  });
});
