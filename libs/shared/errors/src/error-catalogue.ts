import type { ErrorKind } from './error-kind';

/** One entry of the error catalogue: its kind and what it means, as docs/reference/error-codes.md lists it. */
export interface ErrorCodeDefinition {
  readonly kind: ErrorKind;
  readonly description: string;
}

/**
 * Every machine-readable error code the platform answers with, REST and gRPC alike. Clients branch
 * on these codes, so a code is never renamed or reused. docs/reference/error-codes.md is generated
 * from this catalogue (npm run docs:generate) and checked against it by a test.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { kind: 'invalid', description: 'The request is malformed; the message names the field.' },
  UNAUTHENTICATED: { kind: 'unauthenticated', description: 'The JWT is missing, invalid or expired.' },
  FORBIDDEN: { kind: 'forbidden', description: 'The caller may not do this.' },
  NOT_FOUND: { kind: 'not_found', description: "The resource does not exist (or is not the caller's)." },
  METHOD_NOT_ALLOWED: { kind: 'method_not_allowed', description: 'The path exists, but not with this method; the Allow header lists its methods.' },
  RATE_LIMITED: { kind: 'rate_limited', description: 'Too many requests; retry after the Retry-After header.' },
  TOO_MANY_HOLDS: {
    kind: 'rate_limited',
    description: 'The user already holds the most reservations allowed for this event; confirm or cancel one.',
  },
  IDEMPOTENCY_REQUIRED: { kind: 'invalid', description: 'A POST came without an Idempotency-Key header.' },
  IDEMPOTENCY_CONFLICT: {
    kind: 'conflict',
    description: 'The Idempotency-Key was already used with a different request.',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    kind: 'conflict',
    description: 'A request with this Idempotency-Key is still running; retry after Retry-After.',
  },
  RESERVATION_EXPIRED: { kind: 'expired', description: "The reservation's hold expired." },
  RESERVATION_NOT_ACTIVE: {
    kind: 'conflict',
    description: 'The reservation is already confirmed, cancelled or expired.',
  },
  PAYMENT_NOT_APPROVED: {
    kind: 'precondition_failed',
    description: 'No approved payment is recorded for this payment intent.',
  },
  INVENTORY_CONFLICT: { kind: 'conflict', description: 'Some requested seats are not available.' },
  EVENT_NOT_FOUND: { kind: 'not_found', description: 'The event does not exist.' },
  SECTION_NOT_FOUND: { kind: 'not_found', description: 'The event has no section with that id.' },
  SEAT_NOT_FOUND: { kind: 'not_found', description: 'The event has no seat with some of the ids; the details list them.' },
  EVENT_CONFLICT: { kind: 'already_exists', description: 'The event already exists with a different layout.' },
  EVENT_NOT_ON_SALE: { kind: 'precondition_failed', description: 'The event is outside its on-sale window.' },
  HOLD_NOT_FOUND: { kind: 'not_found', description: "The hold does not exist (or is not the caller's)." },
  HOLD_CONFLICT: {
    kind: 'already_exists',
    description: 'The hold id was already used for a different event, user or seat selection.',
  },
  HOLD_EXPIRED: { kind: 'expired', description: 'The hold expired before it was committed.' },
  HOLD_NOT_ACTIVE: { kind: 'precondition_failed', description: 'The hold was already released or expired.' },
  INVENTORY_CONTENDED: {
    kind: 'conflict',
    description: 'Another request was changing the same seats at the same moment; retry.',
  },
  INVENTORY_THROTTLED: {
    kind: 'rate_limited',
    description: 'The seat store is throttling this burst; retry with backoff.',
  },
  UPSTREAM_UNAVAILABLE: { kind: 'unavailable', description: 'A backing service is unavailable.' },
  UPSTREAM_TIMEOUT: { kind: 'timeout', description: 'A backing service did not answer in time.' },
  INTERNAL: { kind: 'internal', description: 'An unexpected error; details are in the logs under the trace id.' },
} as const satisfies Record<string, ErrorCodeDefinition>;

/** A code of the {@link errorCatalogue}. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Narrows an arbitrary string (e.g. from a gRPC error detail) to a catalogue code. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalogue, value);
}
