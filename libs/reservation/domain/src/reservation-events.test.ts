import { describe, expect, it } from 'vitest';
import { holdCreatedEvents } from './reservation-events';
import type { Reservation } from './reservation.types';

const reservation: Reservation = {
  reservationId: 'rsv_01JD0000000000000000000000',
  userId: 'user-1',
  eventId: 'evt_1',
  status: 'HOLD',
  seats: [{ seatId: 'A-1', sectionId: 'A', rowId: 'A', number: 1, price: { amountMinor: 5_000, currency: 'EUR' } }],
  quantity: 1,
  total: { amountMinor: 5_000, currency: 'EUR' },
  holdExpiresAt: new Date('2026-11-21T10:05:00Z'),
  createdAt: new Date('2026-11-21T10:00:00Z'),
  updatedAt: new Date('2026-11-21T10:00:00Z'),
  version: 1,
  payment: undefined,
  orderId: undefined,
  duplicatePaymentIntentIds: [],
};

describe('holdCreatedEvents', () => {
  it('announces the hold now and schedules its expiry at the hold expiry', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const [created, expired] = holdCreatedEvents(reservation, now, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(created).toMatchObject({ detailType: 'reservation.hold.created', dueAt: now, source: 'ticketing.reservation' });
    expect(expired).toMatchObject({ detailType: 'reservation.expired', dueAt: reservation.holdExpiresAt });
    expect(expired!.detail).toEqual({
      reservation_id: reservation.reservationId,
      user_id: 'user-1',
      event_id: 'evt_1',
      status: 'HOLD',
      seat_ids: ['A-1'],
      quantity: 1,
      total: { amount: 5_000, currency: 'EUR' },
      hold_expires_at: '2026-11-21T10:05:00.000Z',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(created!.eventId).not.toBe(expired!.eventId);
  });
});
