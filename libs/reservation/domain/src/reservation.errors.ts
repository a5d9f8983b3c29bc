import { TicketingError } from '@ticketing/errors';

/** The reservation does not exist or belongs to someone else (indistinguishable on purpose). */
export function reservationNotFound(reservationId: string): TicketingError {
  return new TicketingError('NOT_FOUND', `Reservation ${reservationId} does not exist.`, { details: { reservationId } });
}
