import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteConditionFailedError } from '../src';
import { holdReservation, leaseMs, plus, type ReservationFixture, rejectionOf, reservationFixture, uniqueId } from './support/fixtures';

describe('idempotency completion inside the reservation transaction', () => {
  let fx: ReservationFixture;
  beforeAll(async () => {
    fx = await reservationFixture();
  });
  afterAll(() => fx.cleanup());

  async function claimed(key: string, now: Date) {
    const result = await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now });
    if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
    return { userId: 'user_1', key, requestHash: 'h1', claimToken: result.claimToken };
  }

  const failedAt = (error: unknown) =>
    (error as WriteConditionFailedError).failedWrites.map((write) => [write.index, write.target.kind]);

  const responseFor = (reservationId: string) => ({ statusCode: 201, body: { reservation_id: reservationId, status: 'HOLD' } });

  it('writes the reservation and completes the key together', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const claim = await claimed(key, now);
    const reservation = holdReservation({ createdAt: now });

    await fx.reservations.commit(
      [
        fx.reservations.createWrite(reservation),
        fx.idempotency.completionWrite({ ...claim, response: responseFor(reservation.reservationId), now }),
      ],
      { clientRequestToken: reservation.reservationId },
    );

    expect(await fx.reservations.get(reservation.reservationId)).toEqual(reservation);
    expect(await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now })).toEqual({
      outcome: 'replay',
      response: responseFor(reservation.reservationId),
    });
  });

  it('completes nothing when the reservation write fails: the claim stays IN_PROGRESS and can be released', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const existing = holdReservation({ createdAt: now });
    await fx.reservations.commit([fx.reservations.createWrite(existing)]);
    const claim = await claimed(key, now);
    const clash = holdReservation({ reservationId: existing.reservationId, userId: 'user_1', createdAt: now });

    const error = await rejectionOf(
      fx.reservations.commit([
        fx.reservations.createWrite(clash),
        fx.idempotency.completionWrite({ ...claim, response: responseFor(clash.reservationId), now }),
      ]),
    );

    expect(error).toBeInstanceOf(WriteConditionFailedError);
    expect(failedAt(error)).toEqual([[0, 'reservation']]);
    const record = await fx.rawIdempotencyRecord('user_1', key);
    expect(record).toMatchObject({ status: 'IN_PROGRESS', claim_token: claim.claimToken });
    expect(record).not.toHaveProperty('response_status');
    expect(await fx.idempotency.release(claim)).toBe(true);
    expect((await fx.idempotency.claim({ userId: 'user_1', key, requestHash: 'h1', now })).outcome).toBe('claimed');
  });

  it('writes no reservation when the claim was taken over meanwhile (fenced by the claim token)', async () => {
    const now = new Date();
    const key = uniqueId('key');
    const stalled = await claimed(key, now);
    await claimed(key, plus(now, leaseMs + 1));
    const reservation = holdReservation({ createdAt: now });

    const error = await rejectionOf(
      fx.reservations.commit([
        fx.reservations.createWrite(reservation),
        fx.idempotency.completionWrite({ ...stalled, response: responseFor(reservation.reservationId), now: plus(now, leaseMs + 2) }),
      ]),
    );

    expect(error).toBeInstanceOf(WriteConditionFailedError);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(failedAt(error)).toEqual([[1, 'idempotency-record']]);
    expect(await fx.reservations.get(reservation.reservationId)).toBeUndefined();
  });
});
