import { seatsUnavailable, type SeatState } from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';

/**
 * INVENTORY_CONFLICT from a place that lost: some requested seats are held by a live hold, sold,
 * blocked or do not exist. Nothing of the hold was written.
 *
 * `details.conflictingSeatIds` lists them all (what the client sees); `conflictingSeats` carries
 * their current stored state, taken from the failed transaction itself
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`, no extra read), so the caller can teach the
 * Redis gate what it missed. A seat id without a state does not exist in the table.
 *
 * @example
 * try { await holds.placeHold({ hold, now }); }
 * catch (error) {
 *   if (error instanceof SeatsUnavailableError) await gate.learn(error.conflictingSeats);
 *   throw error;
 * }
 */
export class SeatsUnavailableError extends TicketingError {
  override readonly name: string = 'SeatsUnavailableError';

  constructor(
    readonly conflictingSeatIds: readonly string[],
    readonly conflictingSeats: readonly SeatState[],
    cause?: unknown,
  ) {
    const described = seatsUnavailable(conflictingSeatIds);
    super('INVENTORY_CONFLICT', described.message, { details: { ...described.details }, cause });
  }
}
