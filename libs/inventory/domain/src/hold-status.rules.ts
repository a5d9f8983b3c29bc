import { isPastExpiry } from './expiry.rules';
import type { Hold, HoldStatus } from './inventory.types';

/**
 * A hold's status as reported at `now`: an ACTIVE hold past its expiry is EXPIRED even before
 * the worker or the sweeper has rewritten it. Final states (COMMITTED, RELEASED, EXPIRED) stay.
 */
export function effectiveHoldStatus(hold: Pick<Hold, 'status' | 'expiresAt'>, now: Date): HoldStatus {
  return hold.status === 'ACTIVE' && isPastExpiry(hold.expiresAt, now) ? 'EXPIRED' : hold.status;
}
