import type { Hold, SeatPlacement } from '@ticketing/inventory-domain';
import { describe, expect, it } from 'vitest';
import { holdFromItem, newHoldItem } from './hold-item.codec';

const hold: Hold = {
  holdId: 'rsv_01JTESTHOLD',
  eventId: 'evt_1',
  userId: 'user_1',
  status: 'ACTIVE',
  seats: [
    { seatId: 'A-1-1', sectionId: 'A', rowId: '1', rowIndex: 0, positionInRow: 0, number: 1, price: { amountMinor: 5000, currency: 'EUR' }, blocked: false, block: 0 },
    { seatId: 'C-20-7', sectionId: 'C', rowId: '20', rowIndex: 19, positionInRow: 6, number: 7, price: { amountMinor: 12550, currency: 'EUR' }, blocked: false, block: 3 },
  ],
  total: { amountMinor: 17550, currency: 'EUR' },
  createdAt: new Date('2026-03-01T10:00:00.000Z'),
  expiresAt: new Date('2026-03-01T10:10:00.000Z'),
  paymentReference: undefined,
  releaseReason: undefined,
  requestFingerprint: 'f'.repeat(64),
};

describe('hold item codec', () => {
  it('round-trips a hold, placements included', () => {
    expect(holdFromItem(newHoldItem(hold, hold.createdAt, 1_000))).toEqual(hold);
  });

  it('keeps a 10-seat hold under one write unit (1 KB)', () => {
    const seats = Array.from({ length: 10 }, (_, i) => ({ ...(hold.seats[1] as SeatPlacement), seatId: `C-20-${i + 1}` }));
    const item = newHoldItem({ ...hold, seats }, hold.createdAt, 1_000);
    const bytes = Object.entries(item).reduce((sum, [name, value]) => sum + name.length + String(value).length, 0);
    expect(bytes).toBeLessThan(1024);
  });

  it('sets the TTL a retention period after the later of expiry and now, never in the past', () => {
    const day = 86_400_000;
    expect(newHoldItem(hold, hold.createdAt, day)['expires_at_epoch']).toBe((hold.expiresAt.getTime() + day) / 1000);
    const placedLate = new Date(hold.expiresAt.getTime() + 5_000);
    expect(newHoldItem(hold, placedLate, day)['expires_at_epoch']).toBe((placedLate.getTime() + day) / 1000);
  });
});
