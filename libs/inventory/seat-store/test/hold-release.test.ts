import type { EventLayout } from '@ticketing/inventory-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHold, plus } from './support/fixtures';
import { type InventoryFixture, inventoryFixture, retentionMs } from './support/inventory-fixture';

describe('HoldStore.releaseHold', () => {
  let fx: InventoryFixture;
  let layout: EventLayout;
  beforeAll(async () => {
    fx = await inventoryFixture();
    ({ layout } = await fx.createEvent());
  });
  afterAll(() => fx.cleanup());

  const seatsOf = (seatIds: readonly string[]) => fx.seats.readSeats(layout.eventId, layout.placementsOf(seatIds, 'seat_ids'));
  const placed = async (seatIds: readonly string[], ttlMs = 600_000, userId?: string) => {
    const now = new Date();
    const hold = activeHold(layout, seatIds, { expiresAt: plus(now, ttlMs), userId });
    expect((await fx.holds.placeHold({ hold, now })).outcome).toBe('placed');
    return { hold, now };
  };

  it('gives the seats back and marks the hold RELEASED, out of the sweeper index', async () => {
    const { hold, now } = await placed(['A-1-1', 'A-1-2']);

    const result = await fx.holds.releaseHold({ hold, reason: 'USER_CANCELLED', now });

    expect(result.hold).toEqual({ ...hold, status: 'RELEASED', releaseReason: 'USER_CANCELLED' });
    const seats = await seatsOf(['A-1-1', 'A-1-2']);
    expect(result.releasedSeats).toEqual(seats);
    expect(seats.map((s) => [s.status, s.version, s.holdId, s.heldBy, s.holdExpiresAt])).toEqual([
      ['AVAILABLE', 3, undefined, undefined, undefined],
      ['AVAILABLE', 3, undefined, undefined, undefined],
    ]);
    expect(await fx.holds.getHold(hold.holdId)).toEqual(result.hold);
    const raw = await fx.rawHold(hold.holdId);
    expect(raw).not.toHaveProperty('gsi1pk');
    expect(raw).not.toHaveProperty('gsi1sk');
    expect(raw?.['version']).toBe(2);
    expect(raw?.['expires_at_epoch']).toBe(Math.ceil((now.getTime() + retentionMs) / 1000));
  });

  it('is idempotent: a second release returns the released hold and touches no seat', async () => {
    const { hold, now } = await placed(['A-2-1']);
    const first = await fx.holds.releaseHold({ hold, reason: 'PAYMENT_FAILED', now });
    const seatsAfterFirst = await seatsOf(['A-2-1']);

    const again = await fx.holds.releaseHold({ hold, reason: 'EXPIRED', now: plus(now, 1_000) });

    expect(again).toEqual({ hold: first.hold, releasedSeats: [] });
    expect(await seatsOf(['A-2-1'])).toEqual(seatsAfterFirst);
  });

  it('marks a hold released for expiry EXPIRED', async () => {
    const { hold, now } = await placed(['A-2-5'], 1_000);
    const result = await fx.holds.releaseHold({ hold, reason: 'EXPIRED', now: plus(now, 2_000) });
    expect(result.hold).toMatchObject({ status: 'EXPIRED', releaseReason: 'EXPIRED' });
    expect((await fx.holds.getHold(hold.holdId))?.status).toBe('EXPIRED');
  });

  it('skips seats another hold took after expiry, and never touches SOLD seats', async () => {
    const { hold, now } = await placed(['A-3-1', 'A-3-2', 'A-3-3'], 1_000);
    const later = plus(now, 5_000);
    const taker = activeHold(layout, ['A-3-2'], { userId: 'user_2', expiresAt: plus(later, 600_000) });
    await fx.holds.placeHold({ hold: taker, now: later });
    const buyer = activeHold(layout, ['A-3-3'], { userId: 'user_3', expiresAt: plus(later, 600_000) });
    await fx.holds.placeHold({ hold: buyer, now: later });
    await fx.holds.commitHold({ hold: buyer, paymentReference: 'pi_b', now: later });
    const before = await seatsOf(['A-3-2', 'A-3-3']);

    const result = await fx.holds.releaseHold({ hold, reason: 'EXPIRED', now: later });

    expect(result.releasedSeats.map((s) => [s.seatId, s.status, s.version])).toEqual([['A-3-1', 'AVAILABLE', 3]]);
    expect(await seatsOf(['A-3-2', 'A-3-3'])).toEqual(before);
    expect(before.map((s) => [s.status, s.holdId])).toEqual([
      ['HELD', taker.holdId],
      ['SOLD', buyer.holdId],
    ]);
    expect(result.hold.status).toBe('EXPIRED');
  });

  it('refuses to release a committed hold (HOLD_NOT_ACTIVE) and leaves its seats SOLD', async () => {
    const { hold, now } = await placed(['B-1-1', 'B-1-2']);
    await fx.holds.commitHold({ hold, paymentReference: 'pi_1', now });

    await expect(fx.holds.releaseHold({ hold, reason: 'USER_CANCELLED', now })).rejects.toMatchObject({
      code: 'HOLD_NOT_ACTIVE',
      details: { status: 'HOLD_STATUS_COMMITTED' },
    });
    expect((await seatsOf(['B-1-1', 'B-1-2'])).map((s) => [s.status, s.version])).toEqual([
      ['SOLD', 3],
      ['SOLD', 3],
    ]);
  });

  it('reports an unknown hold as HOLD_NOT_FOUND', async () => {
    const now = new Date();
    const never = activeHold(layout, ['B-2-1'], { expiresAt: plus(now, 600_000) });
    await expect(fx.holds.releaseHold({ hold: never, reason: 'USER_CANCELLED', now })).rejects.toMatchObject({
      code: 'HOLD_NOT_FOUND',
    });
  });

  it('only ever grows seat versions, through place, release, re-place, expiry takeover and commit', async () => {
    const seatIds = ['B-3-1'];
    const versions: number[] = [];
    const record = async () => versions.push((await seatsOf(seatIds))[0]?.version ?? Number.NaN);
    await record();
    const first = await placed(seatIds);
    await record();
    await fx.holds.releaseHold({ hold: first.hold, reason: 'USER_CANCELLED', now: first.now });
    await record();
    const second = await placed(seatIds, 1_000);
    await record();
    const later = plus(second.now, 2_000);
    const third = activeHold(layout, seatIds, { expiresAt: plus(later, 600_000) });
    await fx.holds.placeHold({ hold: third, now: later });
    await record();
    await fx.holds.releaseHold({ hold: second.hold, reason: 'EXPIRED', now: later }); // not second's any more
    await record();
    await fx.holds.commitHold({ hold: third, paymentReference: 'pi_v', now: later });
    await record();

    expect(versions).toEqual([1, 2, 3, 4, 5, 5, 6]);
  });
});
