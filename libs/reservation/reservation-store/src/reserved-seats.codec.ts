import type { ReservedSeat } from '@ticketing/reservation-domain';
import { TicketingError } from '@ticketing/errors';
import { jsonAttribute, type StoredItem } from '@ticketing/stored-items';

/**
 * One seat as stored inside a reservation or order item: a positional tuple instead of a map of
 * named attributes, so a 10-seat reservation stays near 1 KB (one write unit, two in a
 * transaction) instead of spilling into further units on attribute names alone — the same
 * choice the inventory's hold items make.
 *
 * `[seatId, sectionId, rowId, number, priceMinor, currency]`
 */
type SeatTuple = [string, string, string, number, number, string];

/** The `seats` attribute: the seats as one JSON string of {@link SeatTuple}s. */
export function encodeReservedSeats(seats: readonly ReservedSeat[]): string {
  const tuples: SeatTuple[] = seats.map((seat) => [
    seat.seatId,
    seat.sectionId,
    seat.rowId,
    seat.number,
    seat.price.amountMinor,
    seat.price.currency,
  ]);
  return JSON.stringify(tuples);
}

/** The seats of a stored item's `seats` attribute. */
export function decodeReservedSeats(item: StoredItem): ReservedSeat[] {
  const tuples = jsonAttribute(item, 'seats');
  if (!Array.isArray(tuples) || !tuples.every(isSeatTuple)) {
    throw new TicketingError('INTERNAL', `Stored item ${String(item['pk'])} has malformed "seats"`);
  }
  return tuples.map(([seatId, sectionId, rowId, number, amountMinor, currency]) => ({
    seatId,
    sectionId,
    rowId,
    number,
    price: { amountMinor, currency },
  }));
}

function isSeatTuple(value: unknown): value is SeatTuple {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    typeof value[3] === 'number' &&
    typeof value[4] === 'number' &&
    typeof value[5] === 'string'
  );
}
