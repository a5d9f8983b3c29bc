/*
 * Factories for every error the inventory raises on purpose, so each code always carries the
 * same details. The gRPC edge turns `details` into an ErrorDetail trailer
 * (proto/ticketing/inventory/v1/error_detail.proto):
 *
 *   details.field               → metadata["field"]   (proto field path, snake_case)
 *   details.conflictingSeatIds  → conflicting_seat_ids
 *   details.holdId              → hold_id
 *   any other scalar entry      → metadata[key]
 *
 * The metadata keys are therefore written here already in the contract's lower snake case
 * (`event_id`, `expires_at`, …) and with string or number values (instants as RFC 3339), so the
 * edge can copy them without knowing any code.
 */
import { TicketingError } from '@ticketing/errors';
import type { HoldStatus } from './inventory.types';

/** How many seat ids a message names before it says "and N more"; details keep them all. */
const seatIdsNamedInMessage = 10;

/**
 * A malformed request: `field` is the proto path of the offending field, e.g.
 * `sections[2].rows[0].seats[3].seat_id` or `selection.best_available.quantity`.
 *
 * @param conflictingSeatIds unknown or duplicate seat ids the failure is about, all of them.
 */
export function invalidField(
  field: string,
  message: string,
  conflictingSeatIds?: readonly string[],
  cause?: unknown,
): TicketingError {
  const details: Record<string, unknown> = { field };
  if (conflictingSeatIds !== undefined && conflictingSeatIds.length > 0) {
    details['conflictingSeatIds'] = [...conflictingSeatIds];
  }
  return new TicketingError('VALIDATION_FAILED', `Invalid ${field}: ${message}`, { details, cause });
}

/**
 * Seat ids a request named that the event does not have (SEAT_NOT_FOUND, all of them listed): a
 * well-formed request about seats that do not exist, like an unknown event.
 *
 * @example
 * throw unknownSeats('selection.seat_ids.seat_ids', ['Z-1']);
 */
export function unknownSeats(field: string, seatIds: readonly string[]): TicketingError {
  return new TicketingError('SEAT_NOT_FOUND', `The event has no seat ${describeSeatIds(seatIds)}`, {
    details: { field, conflictingSeatIds: [...seatIds] },
  });
}

/**
 * Seats that cannot be held (INVENTORY_CONFLICT). For an explicit selection, `seatIds` are the
 * requested seats that are held, sold or blocked; for best-available it is empty and
 * `availableCount` says how many seats were free.
 */
export function seatsUnavailable(
  seatIds: readonly string[],
  availableCount?: number,
  cause?: unknown,
): TicketingError {
  const details: Record<string, unknown> = { conflictingSeatIds: [...seatIds] };
  if (availableCount !== undefined) {
    details['available_count'] = availableCount;
  }
  const message =
    seatIds.length > 0
      ? `Seats ${describeSeatIds(seatIds)} are not available`
      : `Not enough adjacent seats are available${availableCount === undefined ? '' : ` (${availableCount} free)`}`;
  return new TicketingError('INVENTORY_CONFLICT', message, { details, cause });
}

/** Another request was changing the same seats at the same moment (a transaction conflict); retry. */
export function inventoryContended(cause?: unknown): TicketingError {
  return new TicketingError('INVENTORY_CONTENDED', 'The seats are being changed by another request; retry', {
    cause,
  });
}

/** The seat store throttles this burst; the caller should back off and retry. */
export function inventoryThrottled(cause?: unknown): TicketingError {
  return new TicketingError('INVENTORY_THROTTLED', 'The seat store is throttling requests; retry with backoff', {
    cause,
  });
}

/**
 * No hold with that id for this user. A hold owned by someone else is reported the same way, so
 * hold ids cannot be probed.
 */
export function holdNotFound(holdId: string, cause?: unknown): TicketingError {
  return new TicketingError('HOLD_NOT_FOUND', `Hold ${holdId} does not exist`, { details: { holdId }, cause });
}

/** CommitHold after the hold's expiry; getting the seats again takes a new hold. */
export function holdExpired(holdId: string, expiresAt: Date, cause?: unknown): TicketingError {
  const expiresAtIso = expiresAt.toISOString();
  return new TicketingError('HOLD_EXPIRED', `Hold ${holdId} expired at ${expiresAtIso}`, {
    details: { holdId, expires_at: expiresAtIso },
    cause,
  });
}

/**
 * The hold is in a state that forbids the operation (e.g. CommitHold on a released hold).
 *
 * `status` goes out as the contract's enum value name (`HOLD_STATUS_COMMITTED`), which is what
 * error_detail.proto promises in metadata["status"].
 */
export function holdNotActive(holdId: string, status: HoldStatus, cause?: unknown): TicketingError {
  return new TicketingError('HOLD_NOT_ACTIVE', `Hold ${holdId} is ${status}`, {
    details: { holdId, status: `HOLD_STATUS_${status}` },
    cause,
  });
}

/** The hold id was already used for a different event, user or seat selection. */
export function holdConflict(holdId: string, cause?: unknown): TicketingError {
  return new TicketingError('HOLD_CONFLICT', `Hold id ${holdId} was already used for a different request`, {
    details: { holdId },
    cause,
  });
}

/** No event with that id. */
export function eventNotFound(eventId: string, cause?: unknown): TicketingError {
  return new TicketingError('EVENT_NOT_FOUND', `Event ${eventId} does not exist`, {
    details: { event_id: eventId },
    cause,
  });
}

/** A section id the event's layout does not have (`field` names where it came from). */
export function sectionNotFound(eventId: string, sectionId: string, field: string): TicketingError {
  return new TicketingError('SECTION_NOT_FOUND', `Event ${eventId} has no section ${sectionId}.`, {
    details: { event_id: eventId, section_id: sectionId, field },
  });
}

/** CreateEvent with an existing event id but a different definition (layout fingerprint). */
export function eventConflict(eventId: string, cause?: unknown): TicketingError {
  return new TicketingError('EVENT_CONFLICT', `Event ${eventId} already exists with a different definition`, {
    details: { event_id: eventId },
    cause,
  });
}

/** A hold outside the event's on-sale window; an unset bound is simply left out. */
export function eventNotOnSale(
  eventId: string,
  startsAt: Date | undefined,
  endsAt: Date | undefined,
  cause?: unknown,
): TicketingError {
  const details: Record<string, unknown> = {};
  if (startsAt !== undefined) {
    details['sale_starts_at'] = startsAt.toISOString();
  }
  if (endsAt !== undefined) {
    details['sale_ends_at'] = endsAt.toISOString();
  }
  const window = `${startsAt?.toISOString() ?? 'open'} to ${endsAt?.toISOString() ?? 'open'}`;
  return new TicketingError('EVENT_NOT_ON_SALE', `Event ${eventId} is not on sale now (sale window ${window})`, {
    details,
    cause,
  });
}

/** `A-1, A-2 and 3 more`: messages stay short even for a 99-seat conflict; details keep every id. */
function describeSeatIds(seatIds: readonly string[]): string {
  const named = seatIds.slice(0, seatIdsNamedInMessage).join(', ');
  const rest = seatIds.length - seatIdsNamedInMessage;
  return rest > 0 ? `${named} and ${rest} more` : named;
}
