import type { EventLayout } from '@ticketing/inventory-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHold, plus } from './support/fixtures';
import { type InventoryFixture, inventoryFixture } from './support/inventory-fixture';

describe('HoldStore.commitHold', () => {
  let fx: InventoryFixture;
  let layout: EventLayout;
  beforeAll(async () => {
    fx = await inventoryFixture();
    ({ layout } = await fx.createEvent());
  });
  afterAll(() => fx.cleanup());

  const seatsOf = (seatIds: readonly string[]) => fx.seats.readSeats(layout.eventId, layout.placementsOf(seatIds, 'seat_ids'));
  const placed = async (seatIds: readonly string[], ttlMs = 600_000) => {
    const now = new Date();
    const hold = activeHold(layout, seatIds, { expiresAt: plus(now, ttlMs) });
    expect((await fx.holds.placeHold({ hold, now })).outcome).toBe('placed');
    return { hold, now };
  };

  it('sells the seats and commits the hold in one go', async () => {
    const { hold, now } = await placed(['A-1-1', 'A-1-2']);

    const result = await fx.holds.commitHold({ hold, paymentReference: 'pi_1', now: plus(now, 1_000) });

    expect(result.hold).toEqual({ ...hold, status: 'COMMITTED', paymentReference: 'pi_1' });
    expect(result.seats.map((s) => [s.seatId, s.status, s.holdId, s.version, s.holdExpiresAt])).toEqual([
      ['A-1-1', 'SOLD', hold.holdId, 3, undefined],
      ['A-1-2', 'SOLD', hold.holdId, 3, undefined],
    ]);
    expect(await seatsOf(['A-1-1', 'A-1-2'])).toEqual(result.seats);
    expect(await fx.holds.getHold(hold.holdId)).toEqual(result.hold);
    const raw = await fx.rawHold(hold.holdId);
    expect(raw?.['version']).toBe(2);
    for (const gone of ['gsi1pk', 'gsi1sk', 'expires_at_epoch']) expect(raw).not.toHaveProperty(gone);
  });

  it('refuses an expired hold with HOLD_EXPIRED and changes nothing', async () => {
    const { hold, now } = await placed(['A-2-1', 'A-2-2'], 1_000);

    await expect(fx.holds.commitHold({ hold, paymentReference: 'pi_2', now: plus(now, 1_001) })).rejects.toMatchObject({
      code: 'HOLD_EXPIRED',
      details: { holdId: hold.holdId, expires_at: hold.expiresAt.toISOString() },
    });

    expect((await seatsOf(['A-2-1', 'A-2-2'])).map((s) => [s.status, s.version])).toEqual([
      ['HELD', 2],
      ['HELD', 2],
    ]);
    expect((await fx.holds.getHold(hold.holdId))?.status).toBe('ACTIVE');
  });

  it('still commits at the very millisecond of expiry', async () => {
    const { hold } = await placed(['A-2-5'], 1_000);
    const result = await fx.holds.commitHold({ hold, paymentReference: 'pi_edge', now: hold.expiresAt });
    expect(result.seats[0]?.status).toBe('SOLD');
  });

  it('commits a late payment with allowExpired while nobody took the seats, and not once somebody did', async () => {
    const first = await placed(['A-3-1'], 1_000);
    const late = plus(first.now, 60_000);
    const committed = await fx.holds.commitHold({ hold: first.hold, paymentReference: 'pi_late', now: late, allowExpired: true });
    expect(committed.seats[0]).toMatchObject({ status: 'SOLD', holdId: first.hold.holdId });

    const second = await placed(['A-3-2'], 1_000);
    const taker = activeHold(layout, ['A-3-2'], { expiresAt: plus(late, 600_000) });
    await fx.holds.placeHold({ hold: taker, now: late });
    await expect(
      fx.holds.commitHold({ hold: second.hold, paymentReference: 'pi_lost', now: late, allowExpired: true }),
    ).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
    expect((await seatsOf(['A-3-2']))[0]).toMatchObject({ status: 'HELD', holdId: taker.holdId });
    expect((await fx.holds.getHold(second.hold.holdId))?.status).toBe('ACTIVE');
  });

  it('is idempotent for the same payment reference and refuses another one with HOLD_NOT_ACTIVE', async () => {
    const { hold, now } = await placed(['B-1-1', 'B-1-2']);
    const first = await fx.holds.commitHold({ hold, paymentReference: 'pi_3', now });

    const again = await fx.holds.commitHold({ hold, paymentReference: 'pi_3', now: plus(now, 5_000) });

    expect(again).toEqual(first);
    expect((await seatsOf(['B-1-1', 'B-1-2'])).map((s) => s.version)).toEqual([3, 3]);
    await expect(fx.holds.commitHold({ hold, paymentReference: 'pi_other', now })).rejects.toMatchObject({
      code: 'HOLD_NOT_ACTIVE',
      details: { holdId: hold.holdId, status: 'HOLD_STATUS_COMMITTED' },
    });
    expect((await fx.holds.getHold(hold.holdId))?.paymentReference).toBe('pi_3');
  });

  it('refuses a released hold with HOLD_NOT_ACTIVE and an unknown one with HOLD_NOT_FOUND', async () => {
    const { hold, now } = await placed(['B-2-1']);
    await fx.holds.releaseHold({ hold, reason: 'USER_CANCELLED', now });

    await expect(fx.holds.commitHold({ hold, paymentReference: 'pi_4', now })).rejects.toMatchObject({
      code: 'HOLD_NOT_ACTIVE',
      details: { status: 'HOLD_STATUS_RELEASED' },
    });
    expect((await seatsOf(['B-2-1']))[0]).toMatchObject({ status: 'AVAILABLE' });

    const never = activeHold(layout, ['B-2-2'], { expiresAt: plus(now, 600_000) });
    await expect(fx.holds.commitHold({ hold: never, paymentReference: 'pi_5', now })).rejects.toMatchObject({
      code: 'HOLD_NOT_FOUND',
    });
  });
});
