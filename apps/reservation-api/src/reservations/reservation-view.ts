import type { Reservation } from '@ticketing/reservation-domain';

/**
 * A reservation as the REST API shows it (snake_case, money as {amount, currency}). A HOLD past its
 * expiry shows as EXPIRED before the worker has recorded it: expiry is lazy here as in the inventory.
 */
export function reservationView(reservation: Reservation, now = new Date()) {
  const expired = reservation.status === 'HOLD' && reservation.holdExpiresAt <= now;
  return {
    reservation_id: reservation.reservationId,
    event_id: reservation.eventId,
    status: expired ? 'EXPIRED' : reservation.status,
    hold_expires_at: reservation.holdExpiresAt.toISOString(),
    seats: reservation.seats.map((seat) => ({
      seat_id: seat.seatId,
      section_id: seat.sectionId,
      row_id: seat.rowId,
      number: seat.number,
      price: { amount: seat.price.amountMinor, currency: seat.price.currency },
    })),
    quantity: reservation.quantity,
    total: { amount: reservation.total.amountMinor, currency: reservation.total.currency },
    ...(reservation.orderId ? { order_id: reservation.orderId } : {}),
    created_at: reservation.createdAt.toISOString(),
  };
}

/**
 * A reservation as the reservation worker reads it: {@link reservationView} plus `user_id`, the
 * owner the worker acts for in the inventory (holds are visible only to their user). Internal
 * routes only: end users never see whose a reservation is.
 */
export function internalReservationView(reservation: Reservation, now = new Date()) {
  return { ...reservationView(reservation, now), user_id: reservation.userId };
}
