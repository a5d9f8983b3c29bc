import { randomUUID } from 'node:crypto';
import type { OutboxEvent, Reservation, ReservationEventType } from './reservation.types';

/**
 * The outbox events of a reservation change. `detail` carries what consumers need without calling
 * back (ids, seats, amounts) and the W3C trace context, so one trace spans API, bus and worker.
 */
export function reservationEvent(
  detailType: ReservationEventType,
  reservation: Reservation,
  options: { readonly now: Date; readonly dueAt?: Date; readonly traceparent?: string | undefined },
): OutboxEvent {
  return {
    eventId: randomUUID(),
    source: 'ticketing.reservation',
    detailType,
    dueAt: options.dueAt ?? options.now,
    createdAt: options.now,
    detail: {
      reservation_id: reservation.reservationId,
      user_id: reservation.userId,
      event_id: reservation.eventId,
      status: reservation.status,
      seat_ids: reservation.seats.map((seat) => seat.seatId),
      quantity: reservation.quantity,
      total: { amount: reservation.total.amountMinor, currency: reservation.total.currency },
      hold_expires_at: reservation.holdExpiresAt.toISOString(),
      ...(reservation.orderId ? { order_id: reservation.orderId } : {}),
      ...(reservation.payment
        ? {
            payment: {
              payment_intent_id: reservation.payment.paymentIntentId,
              status: reservation.payment.status,
              amount: { amount: reservation.payment.amount.amountMinor, currency: reservation.payment.amount.currency },
            },
          }
        : {}),
      ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    },
  };
}

/**
 * A new hold announces itself now and schedules its own expiry: `reservation.expired` is due at the
 * hold's expiry, so the outbox relay publishes it then and the worker expires the reservation if it
 * is still HOLD — the outbox doubles as the scheduler.
 */
export function holdCreatedEvents(reservation: Reservation, now: Date, traceparent?: string): OutboxEvent[] {
  return [
    reservationEvent('reservation.hold.created', reservation, { now, traceparent }),
    reservationEvent('reservation.expired', reservation, { now, dueAt: reservation.holdExpiresAt, traceparent }),
  ];
}
