import { randomBytes } from 'node:crypto';
import type { OutboxEvent, ReservationEventType } from '@ticketing/reservation-domain';

/** A unique outbox event id (`oe_<hex>`), so tests never share items. */
export function outboxEventId(): string {
  return `oe_${randomBytes(8).toString('hex')}`;
}

/** An outbox event as the reservation API would write it, due at `dueAt` (default: now). */
export function outboxEvent(
  overrides: Partial<Omit<OutboxEvent, 'detailType'>> & { detailType?: ReservationEventType } = {},
): OutboxEvent {
  const now = new Date();
  const eventId = overrides.eventId ?? outboxEventId();
  return {
    eventId,
    source: 'ticketing.reservation',
    detailType: 'reservation.expired',
    detail: {
      reservation_id: `rsv_${eventId}`,
      event_id: 'evt_2026_1001', // the concert, as the reservation API writes it
      seat_ids: ['A-1', 'A-2'],
      quantity: 2,
      total: { amount_minor: 25_000, currency: 'EUR' },
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
    dueAt: now,
    createdAt: now,
    ...overrides,
  };
}
