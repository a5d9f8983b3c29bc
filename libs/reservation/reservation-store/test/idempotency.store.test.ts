import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClaimResult, WriteConditionFailedError } from '../src';
import { leaseMs, plus, type ReservationFixture, rejectionOf, reservationFixture, ttlMs, uniqueId } from './support/fixtures';

describe('IdempotencyStore', () => {
  let fx: ReservationFixture;
  beforeAll(async () => {
    fx = await reservationFixture();
  });
  afterAll(() => fx.cleanup());

  const created = { statusCode: 201, body: { reservation_id: 'rsv_1', status: 'HOLD' }, headers: { location: '/v1/reservations/rsv_1' } };

  async function claimed(userId: string, key: string, requestHash: string, now: Date) {
    const result = await fx.idempotency.claim({ userId, key, requestHash, now });
    if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
    return { userId, key, requestHash, claimToken: result.claimToken };
  }

  it('claims an unused key with an IN_PROGRESS record that is leased and expires', async () => {
    const now = new Date();
    const key = uniqueId('key');

    const result = await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now });

    expect(result).toEqual({ outcome: 'claimed', claimToken: expect.any(String) });
    expect(await fx.rawIdempotencyRecord('user_1', key)).toEqual({
      pk: `USER#user_1#KEY#${key}`,
      sk: 'IDEMPOTENCY',
      user_id: 'user_1',
      idempotency_key: key,
      status: 'IN_PROGRESS',
      request_hash: 'h1',
      claim_token: (result as { claimToken: string }).claimToken,
      lease_until: now.getTime() + leaseMs,
      created_at: now.getTime(),
      expires_at_epoch: Math.ceil((now.getTime() + ttlMs) / 1000),
    });
  });

  it('answers a duplicate of a running request with in-flight and the seconds left on its lease', async () => {
    const now = new Date();
    const key = uniqueId('key');
    await claimed('user_1', key, 'h1', now);

    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now })).toEqual({
      outcome: 'in-flight',
      retryAfterSeconds: leaseMs / 1000,
    });
    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now: plus(now, 10_500) })).toEqual({
      outcome: 'in-flight',
      retryAfterSeconds: 20,
    });
  });

  it('answers conflict when the key is reused with a different request, running or completed', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const mine = await claimed('user_1', key, 'h1', now);
    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h2', now })).toEqual({ outcome: 'conflict' });

    await fx.idempotency.complete({ ...mine, response: created, now });

    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h2', now })).toEqual({ outcome: 'conflict' });
  });

  it('replays the stored response to the same request once completed, and keeps it for the TTL', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const mine = await claimed('user_1', key, 'h1', now);
    const completedAt = plus(now, 2_000);

    await fx.idempotency.complete({ ...mine, response: created, now: completedAt });

    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now: plus(now, 3_000) })).toEqual({
      outcome: 'replay',
      response: created,
    });
    const raw = await fx.rawIdempotencyRecord('user_1', key);
    expect(raw).toMatchObject({
      status: 'COMPLETED',
      response_status: 201,
      expires_at_epoch: Math.ceil((completedAt.getTime() + ttlMs) / 1000),
    });
    expect(raw).not.toHaveProperty('lease_until');
  });

  it('replays a response stored without headers as such', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const mine = await claimed('user_1', key, 'h1', now);
    const invalid = { statusCode: 422, body: { error: { code: 'VALIDATION_FAILED', message: 'seats is empty' } } };
    await fx.idempotency.complete({ ...mine, response: invalid, now });

    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now })).toEqual({ outcome: 'replay', response: invalid });
  });

  it('counts a record past its expiry as absent, even before DynamoDB TTL deletes it', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const first = await claimed('user_1', key, 'h1', now);
    await fx.idempotency.complete({ ...first, response: created, now });
    const dayLater = plus(now, ttlMs + 2_000);

    const result = await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h2', now: dayLater });

    expect(result.outcome).toBe('claimed');
    expect(await fx.rawIdempotencyRecord('user_1', key)).toMatchObject({ status: 'IN_PROGRESS', request_hash: 'h2' });
  });

  it('lets exactly one of 20 concurrent claims of one key win', async () => {
    const now = new Date();
    const key = uniqueId('key');

    const results: ClaimResult[] = await Promise.all(
      Array.from({ length: 20 }, () => fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now })),
    );

    expect(results.filter((result) => result.outcome === 'claimed')).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'in-flight')).toHaveLength(19);
  });

  it('lets a request take over a claim whose lease ran out, fencing the old claimant out', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const crashed = await claimed('user_1', key, 'h1', now);
    expect((await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now: plus(now, leaseMs) })).outcome).toBe('in-flight');

    const successor = await claimed('user_1', key, 'h1', plus(now, leaseMs + 1));

    expect(successor.claimToken).not.toBe(crashed.claimToken);
    expect(await fx.idempotency.release(crashed)).toBe(false);
    const late = await rejectionOf(fx.idempotency.complete({ ...crashed, response: created, now: plus(now, leaseMs + 2) }));
    expect(late).toBeInstanceOf(WriteConditionFailedError);
    expect(late).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect((late as WriteConditionFailedError).failedWriteOn('idempotency-record')).toMatchObject({
      index: 0,
      operation: 'Update',
      target: { kind: 'idempotency-record', userId: 'user_1', idempotencyKey: key },
      storedItem: expect.objectContaining({ claim_token: successor.claimToken, status: 'IN_PROGRESS' }),
    });

    const response = { ...created, body: { reservation_id: 'rsv_2' } };
    await fx.idempotency.complete({ ...successor, response, now: plus(now, leaseMs + 3) });
    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now: plus(now, leaseMs + 4) })).toEqual({
      outcome: 'replay',
      response,
    });
  });

  it('releases a claim so the client may retry the key, with any request', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const mine = await claimed('user_1', key, 'h1', now);

    expect(await fx.idempotency.release({ ...mine, claimToken: 'not-mine' })).toBe(false);
    expect(await fx.rawIdempotencyRecord('user_1', key)).toBeDefined();
    expect(await fx.idempotency.release(mine)).toBe(true);
    expect(await fx.rawIdempotencyRecord('user_1', key)).toBeUndefined();
    expect(await fx.idempotency.release(mine)).toBe(false);

    expect((await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h2', now })).outcome).toBe('claimed');
  });

  it('never releases a completed record', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const mine = await claimed('user_1', key, 'h1', now);
    await fx.idempotency.complete({ ...mine, response: created, now });

    expect(await fx.idempotency.release(mine)).toBe(false);
    expect((await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now })).outcome).toBe('replay');
  });

  it('scopes keys per user: the same key of another user is an independent record', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const alice = await claimed('user_alice', key, 'h1', now);
    await fx.idempotency.complete({ ...alice, response: created, now });

    const bob = await claimed('user_bob', key, 'h1', now);
    const bobsResponse = { statusCode: 201, body: { reservation_id: 'rsv_bob' } };
    await fx.idempotency.complete({ ...bob, response: bobsResponse, now });

    const replayOf = (userId: string) => fx.idempotency.claim({ userId, key, requestHash: 'h1', now });
    expect(await replayOf('user_alice')).toEqual({ outcome: 'replay', response: created });
    expect(await replayOf('user_bob')).toEqual({ outcome: 'replay', response: bobsResponse });
  });

  it('refuses user ids that could forge another scope, and outcomes that are not final', async () => {
    const now = new Date();
    const key = uniqueId('key');
    await expect(fx.idempotency.claim({ userId: 'user_1#KEY#x', key, requestHash: 'h1', now })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const mine = await claimed('user_1', key, 'h1', now);
    for (const statusCode of [409, 429, 500, 503]) {
      expect(() => fx.idempotency.completionWrite({ ...mine, response: { statusCode, body: {} }, now })).toThrow(
        expect.objectContaining({ code: 'INTERNAL' }),
      );
    }
    expect(await fx.rawIdempotencyRecord('user_1', key)).toMatchObject({ status: 'IN_PROGRESS' });
  });
});
