import { TicketingError } from '@ticketing/errors';

/*
 * Guards on what callers hand the stores. A violation is the caller's bug or a client's bad input,
 * reported as VALIDATION_FAILED naming the field — before anything reaches DynamoDB, whose own
 * ValidationException would surface as INTERNAL.
 */

/** VALIDATION_FAILED for `field`. */
export function invalidInput(field: string, message: string): TicketingError {
  return new TicketingError('VALIDATION_FAILED', `${field} ${message}`, { details: { field } });
}

/** A non-empty string of at most `maxLength` characters. */
export function assertIdentifier(field: string, value: string, maxLength = 255): void {
  if (typeof value !== 'string' || value.length === 0) throw invalidInput(field, 'must be a non-empty string');
  if (value.length > maxLength) throw invalidInput(field, `must be at most ${maxLength} characters`);
}

/** An identifier that is also safe inside a composite key: no `#`. */
export function assertKeySegment(field: string, value: string, maxLength = 255): void {
  assertIdentifier(field, value, maxLength);
  if (value.includes('#')) throw invalidInput(field, 'must not contain "#"');
}

/** A valid Date. */
export function assertInstant(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalidInput(field, 'must be a valid Date');
}
