import { TicketingError } from '@ticketing/errors';
import type { ReservationStatus } from './reservation.types';

/**
 * The reservation state machine. Every change is a conditional write on (status, version), so of
 * two concurrent transitions out of one state (confirm vs cancel vs expire out of HOLD, confirm vs
 * refund out of EXPIRED) exactly one wins.
 *
 * ```
 * HOLD ──confirm──▶ CONFIRMED
 *   ├──cancel───▶ CANCELLED ──payment arrives anyway──────▶ REFUND_REQUIRED
 *   ├──expire───▶ EXPIRED ──payment arrives, seats gone──▶ REFUND_REQUIRED
 *   │                └────payment arrives with a hold the worker re-acquired on the same
 *   │                     seats (the own hold was released on expiry), and it commits──▶ CONFIRMED
 *   └──payment arrives, seats gone────────────────────────▶ REFUND_REQUIRED
 * ```
 */
const allowedTransitions: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  HOLD: ['CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUND_REQUIRED'],
  EXPIRED: ['REFUND_REQUIRED', 'CONFIRMED'],
  CONFIRMED: [],
  CANCELLED: ['REFUND_REQUIRED'],
  REFUND_REQUIRED: [],
};

/** Whether a reservation may move from `from` to `to`. */
export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Throws the error a client should see when a reservation cannot make this move. */
export function assertTransition(reservationId: string, from: ReservationStatus, to: ReservationStatus): void {
  if (canTransition(from, to)) return;
  if (from === 'EXPIRED') {
    throw new TicketingError('RESERVATION_EXPIRED', `Reservation ${reservationId} expired.`, { details: { reservationId } });
  }
  throw new TicketingError('RESERVATION_NOT_ACTIVE', `Reservation ${reservationId} is ${from} and cannot become ${to}.`, {
    details: { reservationId, status: from },
  });
}
