import { eventCatalogue, reservationEventDetail, reservationEventSource } from '@ticketing/event-contracts';
import { reservationEvent, reservationEventTypes, type Reservation } from '@ticketing/reservation-domain';
import { eventBridgeDetail } from '@ticketing/reservation-outbox';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const at = new Date('2026-11-21T10:00:00Z');
const seat = { seatId: 'A-1', sectionId: 'A', rowId: 'A', number: 1, price: eur(5_000) };
const held: Reservation = { reservationId: 'rsv_01JD0000000000000000000000', userId: 'user-1', eventId: 'evt_1', status: 'HOLD',
  seats: [seat], quantity: 1, total: eur(5_000), holdExpiresAt: at, createdAt: at, updatedAt: at, version: 1,
  payment: undefined, orderId: undefined, duplicatePaymentIntentIds: [] };
const confirmed: Reservation = { ...held, status: 'CONFIRMED', orderId: 'ord_01JD0000000000000000000000',
  payment: { paymentIntentId: 'pi_1', status: 'APPROVED', amount: eur(5_000), recordedAt: at } };

/** What the outbox publishes is what docs/reference/events.md documents, from the event contracts. */
describe('published reservation events', () => {
  it('are exactly the catalogue’s events of source ticketing.reservation', () => {
    const catalogued = eventCatalogue.filter((event) => event.source === reservationEventSource).map((event) => event.detailType);
    expect(catalogued).toEqual([...reservationEventTypes]);
  });

  it.each(reservationEventTypes)('%s carries the documented detail, no more', (detailType) => {
    for (const reservation of [held, confirmed]) {
      const event = reservationEvent(detailType, reservation, { now: at, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
      expect(event.source).toBe(reservationEventSource);
      const detail: unknown = JSON.parse(eventBridgeDetail(event));
      expect([...Value.Errors(reservationEventDetail, detail)]).toEqual([]);
    }
  });
});
