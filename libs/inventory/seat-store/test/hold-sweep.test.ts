import type { EventLayout, Hold } from '@ticketing/inventory-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHoldBuckets } from '../src';
import { activeHold, plus } from './support/fixtures';
import { type InventoryFixture, inventoryFixture } from './support/inventory-fixture';

describe('HoldStore.findExpiredActiveHolds', () => {
  let fx: InventoryFixture;
  let layout: EventLayout;
  beforeAll(async () => {
    fx = await inventoryFixture();
    ({ layout } = await fx.createEvent());
  });
  afterAll(() => fx.cleanup());

  it('lists ACTIVE holds past their expiry, soonest first, across every bucket, up to the limit', async () => {
    const now = new Date();
    const placeAt = plus(now, -120_000);
    const seatIds = layout.allSeats().map((seat) => seat.seatId);
    // 40 expired holds spread over the buckets, 3 live ones, 2 expired but already finished.
    const expired = seatIds.slice(0, 40).map((seatId, i) => activeHold(layout, [seatId], { expiresAt: plus(now, -60_000 + i * 1_000) }));
    const live = seatIds.slice(40, 43).map((seatId) => activeHold(layout, [seatId], { expiresAt: plus(now, 600_000) }));
    const finished = seatIds.slice(43, 45).map((seatId) => activeHold(layout, [seatId], { expiresAt: plus(now, -30_000) }));
    for (const hold of [...expired, ...live, ...finished]) await fx.holds.placeHold({ hold, now: placeAt });
    const [released, committed] = finished as [Hold, Hold];
    await fx.holds.releaseHold({ hold: released, reason: 'EXPIRED', now });
    await fx.holds.commitHold({ hold: committed, paymentReference: 'pi_late', now, allowExpired: true });
    const buckets = new Set(await Promise.all(expired.map(async (hold) => (await fx.rawHold(hold.holdId))?.['gsi1pk'])));
    expect(buckets.size).toBeGreaterThan(activeHoldBuckets / 2);

    const all = await fx.holds.findExpiredActiveHolds(now, { limit: 100 });
    expect(all.map((hold) => hold.holdId)).toEqual(expired.map((hold) => hold.holdId));
    expect(all[0]).toEqual(expired[0]);

    const firstFive = await fx.holds.findExpiredActiveHolds(now, { limit: 5 });
    expect(firstFive.map((hold) => hold.holdId)).toEqual(expired.slice(0, 5).map((hold) => hold.holdId));

    const earlier = await fx.holds.findExpiredActiveHolds(plus(now, -50_500), { limit: 100 });
    expect(earlier.map((hold) => hold.holdId)).toEqual(expired.slice(0, 10).map((hold) => hold.holdId));
  });
});
