/**
 * What kind of failure an error is, independent of any transport. Domain code picks a code from
 * the catalogue; the kind behind it decides the HTTP status and the gRPC status code at the edge.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'already_exists'
  | 'conflict'
  | 'expired'
  | 'precondition_failed'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'internal';
