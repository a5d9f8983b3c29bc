import type { Reservation } from '@ticketing/reservation-domain';

/** A reservation as the REST API shows it (snake_case, money as {amount, currency}). */
export function reservationView(reservation: Reservation) {
  return {
    reservation_id: reservation.reservationId,
    event_id: reservation.eventId,
    status: reservation.status,
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
