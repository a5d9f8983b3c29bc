import type { ErrorKind } from './error-kind';

/**
 * The HTTP status for each kind. Only the REST error handler consults it, so the mapping lives
 * in exactly one place.
 */
export const httpStatusByKind: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  already_exists: 409,
  conflict: 409,
  expired: 409,
  precondition_failed: 412,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
};

/**
 * The gRPC status code for each kind, as the numbers of the gRPC spec (so this lib needs no gRPC
 * dependency). `conflict` is ABORTED: the caller lost a race and may retry with other seats;
 * `expired` is FAILED_PRECONDITION: retrying the same call cannot succeed.
 */
export const grpcStatusByKind: Readonly<Record<ErrorKind, number>> = {
  invalid: 3, // INVALID_ARGUMENT
  unauthenticated: 16, // UNAUTHENTICATED
  forbidden: 7, // PERMISSION_DENIED
  not_found: 5, // NOT_FOUND
  method_not_allowed: 12, // UNIMPLEMENTED
  already_exists: 6, // ALREADY_EXISTS
  conflict: 10, // ABORTED
  expired: 9, // FAILED_PRECONDITION
  precondition_failed: 9, // FAILED_PRECONDITION
  rate_limited: 8, // RESOURCE_EXHAUSTED
  internal: 13, // INTERNAL
  unavailable: 14, // UNAVAILABLE
  timeout: 4, // DEADLINE_EXCEEDED
};
