import { TicketingError } from '@ticketing/errors';

/** The request field that names a re-acquired hold (`POST /internal/v1/reservations/{id}/payment`). */
export const reacquiredHoldField = 'reacquired_hold_id';

/** What is compared of a reservation (`Reservation`) and of a hold (the contract's `Hold`). */
interface SeatsOfUser {
  readonly userId: string;
  readonly eventId: string;
  readonly seats: readonly { readonly seatId: string }[];
}

/**
 * Refuses a re-acquired hold that is not a stand-in for `reservation`'s own hold: it must belong
 * to the reservation's user, be for the same event and hold exactly the reservation's seats (as a
 * set). Anything else would sell the buyer seats they did not pay for, or sell them too few.
 * Throws VALIDATION_FAILED naming `reacquired_hold_id`; whether the hold can still be committed
 * (active, unexpired) is the inventory's to say when it is committed.
 *
 * @example
 * const { hold } = await inventory.call('getHold', { holdId, userId: reservation.userId }, { retryable: true });
 * assertReacquiredHoldMatches(reservation, hold);
 */
export function assertReacquiredHoldMatches(reservation: SeatsOfUser, hold: SeatsOfUser & { readonly holdId: string }): void {
  if (hold.userId !== reservation.userId) throw reacquiredHoldRejected(`hold ${hold.holdId} is not a hold of the reservation's user`);
  if (hold.eventId !== reservation.eventId) {
    throw reacquiredHoldRejected(`hold ${hold.holdId} is for event ${hold.eventId}, not the reservation's event ${reservation.eventId}`);
  }
  const held = new Set(hold.seats.map((seat) => seat.seatId));
  const reserved = new Set(reservation.seats.map((seat) => seat.seatId));
  const same = held.size === reserved.size && [...reserved].every((seatId) => held.has(seatId));
  if (!same) {
    throw reacquiredHoldRejected(
      `hold ${hold.holdId} holds seats ${listed(held)}, not exactly the reservation's seats ${listed(reserved)}`,
    );
  }
}

/** VALIDATION_FAILED about `reacquired_hold_id`, with the field named in the message and details. */
export function reacquiredHoldRejected(problem: string): TicketingError {
  return new TicketingError('VALIDATION_FAILED', `${reacquiredHoldField}: ${problem}.`, { details: { field: reacquiredHoldField } });
}

function listed(seatIds: ReadonlySet<string>): string {
  return [...seatIds].sort().join(', ') || '(none)';
}
