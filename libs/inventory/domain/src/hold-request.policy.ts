import { identifierProblem } from './identifier.rules';
import { invalidField } from './inventory.errors';
import type { HoldRequest, SeatSelection } from './inventory.types';

/**
 * Most seats one hold can ever take. A hold is ONE DynamoDB TransactWriteItems (every seat and
 * the hold record, all or nothing), and a transaction carries at most 100 items: 99 seats plus
 * the hold record.
 */
export const maxSeatsPerHoldCeiling = 99;

/**
 * Longest hold id. The hold id is used verbatim as the transaction's ClientRequestToken, so that
 * DynamoDB itself de-duplicates a retried hold for 10 minutes; the token is 1 to 36 characters.
 * The API's reservation ids (`rsv_` + a 26-character ULID) fit.
 */
export const maxHoldIdLength = 36;

/** Longest user id (the JWT subject); user ids are opaque, so only the length is limited. */
export const maxUserIdLength = 128;

/** Hold ids: letters, digits, `_` and `-` (what a ClientRequestToken and a Redis value take plainly). */
const holdIdPattern = /^[A-Za-z0-9_-]+$/;

/** Limits a hold request is checked against. */
export interface HoldRequestLimits {
  /** Configured most seats per hold; at most {@link maxSeatsPerHoldCeiling}. */
  readonly maxSeatsPerHold: number;
}

/**
 * Throws a RangeError unless `maxSeatsPerHold` is an integer from 1 to
 * {@link maxSeatsPerHoldCeiling}: a larger hold could not be written in one transaction. A
 * configuration check: call it at boot.
 */
export function assertMaxSeatsPerHold(maxSeatsPerHold: number): void {
  if (!Number.isSafeInteger(maxSeatsPerHold) || maxSeatsPerHold < 1 || maxSeatsPerHold > maxSeatsPerHoldCeiling) {
    throw new RangeError(
      `maxSeatsPerHold must be an integer from 1 to ${maxSeatsPerHoldCeiling} (one transaction holds every seat ` +
        `and the hold record, at most 100 items), got ${maxSeatsPerHold}`,
    );
  }
}

/**
 * Checks a HoldSeats request before it touches any store, and throws VALIDATION_FAILED naming
 * the first bad field (`hold_id`, `event_id`, `user_id`, `selection`,
 * `selection.seat_ids.seat_ids[3]`, `selection.best_available.quantity`,
 * `selection.best_available.section_id`). Duplicate seat ids are all listed in
 * `conflictingSeatIds`. Whether the seats and section exist is the layout's to say
 * (`EventLayout.placementsOf`).
 */
export function validateHoldRequest(
  request: Omit<HoldRequest, 'selection'> & { readonly selection: SeatSelection | undefined },
  limits: HoldRequestLimits,
): asserts request is HoldRequest {
  assertMaxSeatsPerHold(limits.maxSeatsPerHold);
  requireHoldId(request.holdId);
  requireIdentifier('event_id', request.eventId);
  if (request.userId.trim().length === 0) {
    throw invalidField('user_id', 'must not be empty');
  }
  if (request.userId.length > maxUserIdLength) {
    throw invalidField('user_id', `must be at most ${maxUserIdLength} characters`);
  }
  const { selection } = request;
  if (selection === undefined) {
    throw invalidField('selection', 'name the seats or a quantity to hold');
  }
  switch (selection.kind) {
    case 'seat-ids':
      requireSeatIds(selection.seatIds, limits.maxSeatsPerHold);
      break;
    case 'best-available':
      requireBestAvailable(selection.quantity, selection.sectionId, limits.maxSeatsPerHold);
      break;
    default:
      throw invalidField('selection', 'name the seats or a quantity to hold');
  }
}

function requireHoldId(holdId: string): void {
  if (holdId.length === 0) {
    throw invalidField('hold_id', 'must not be empty');
  }
  if (holdId.length > maxHoldIdLength) {
    throw invalidField('hold_id', `must be at most ${maxHoldIdLength} characters`);
  }
  if (!holdIdPattern.test(holdId)) {
    throw invalidField('hold_id', 'may contain only letters, digits, "_" and "-"');
  }
}

function requireIdentifier(field: string, value: string): void {
  const problem = identifierProblem(value);
  if (problem !== undefined) {
    throw invalidField(field, problem);
  }
}

function requireSeatIds(seatIds: readonly string[], maxSeatsPerHold: number): void {
  const field = 'selection.seat_ids.seat_ids';
  if (seatIds.length === 0) {
    throw invalidField(field, 'name at least one seat');
  }
  if (seatIds.length > maxSeatsPerHold) {
    throw invalidField(field, `a hold takes at most ${maxSeatsPerHold} seats`);
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const seatId of seatIds) {
    if (seen.has(seatId)) {
      duplicates.add(seatId);
    } else {
      seen.add(seatId);
    }
  }
  seen.clear();
  seatIds.forEach((seatId, index) => {
    requireIdentifier(`${field}[${index}]`, seatId);
    if (seen.has(seatId)) {
      throw invalidField(`${field}[${index}]`, `seat ${seatId} is named more than once`, [...duplicates]);
    }
    seen.add(seatId);
  });
}

function requireBestAvailable(quantity: number, sectionId: string | undefined, maxSeatsPerHold: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > maxSeatsPerHold) {
    throw invalidField('selection.best_available.quantity', `must be an integer from 1 to ${maxSeatsPerHold}`);
  }
  if (sectionId !== undefined) {
    requireIdentifier('selection.best_available.section_id', sectionId);
  }
}
