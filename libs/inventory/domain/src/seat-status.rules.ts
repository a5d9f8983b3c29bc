import { isPastExpiry } from './expiry.rules';
import type { SeatState, SeatStatus } from './inventory.types';

/**
 * A seat's status as buyers see it at `now`: a HELD seat whose hold expired is AVAILABLE, even
 * before any cleanup has rewritten it (expiry is lazy, DESIGN.md "The hold path" 3). A HELD seat
 * without an expiry stays HELD: only a known, passed deadline frees a seat.
 */
export function effectiveSeatStatus(state: Pick<SeatState, 'status' | 'holdExpiresAt'>, now: Date): SeatStatus {
  if (state.status === 'HELD' && state.holdExpiresAt !== undefined && isPastExpiry(state.holdExpiresAt, now)) {
    return 'AVAILABLE';
  }
  return state.status;
}
