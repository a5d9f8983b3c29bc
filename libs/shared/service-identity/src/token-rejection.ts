import { TicketingError } from '@ticketing/errors';

/**
 * Messages for the codes of @fastify/jwt (`FST_JWT_*`) and fast-jwt (`FAST_JWT_*`) that reach us
 * as their own errors. Written here rather than passed through because some library messages echo
 * token content (e.g. an unknown `crit` header name).
 */
const messageByCode: Readonly<Record<string, string>> = {
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'Missing bearer token: send "Authorization: Bearer <JWT>".',
  FST_JWT_BAD_REQUEST: 'The Authorization header must be "Bearer <JWT>".',
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'The token has expired.',
  FAST_JWT_EXPIRED: 'The token has expired.',
  FAST_JWT_INACTIVE: 'The token is not valid yet (nbf is in the future).',
  FAST_JWT_MISSING_SIGNATURE: 'Unsigned tokens are not accepted.',
  FAST_JWT_INVALID_ALGORITHM: 'The token is signed with an algorithm this API does not accept.',
  FAST_JWT_INVALID_CLAIM_TYPE: 'A registered claim of the token has the wrong type.',
  FAST_JWT_INVALID_CRIT_HEADER: 'The token requires a header extension this API does not support.',
  FAST_JWT_MALFORMED: 'The token is not a well-formed JWT.',
  FAST_JWT_INVALID_PAYLOAD: 'The token payload is not a JSON object.',
};

/**
 * @fastify/jwt wraps signature, claim-value, required-claim and decoding failures in this code,
 * with fast-jwt's message appended. Those messages come from fixed templates naming only claims we
 * configured ("The aud claim value is not allowed."), so they are shown: they tell a client exactly
 * what is wrong with its token.
 */
const wrappedCode = 'FST_JWT_AUTHORIZATION_TOKEN_INVALID';

/**
 * Translates a failure of `request.jwtVerify()` into the API's error: every token problem becomes
 * 401 UNAUTHENTICATED with a message saying what was wrong; our own errors (e.g. the key set being
 * unreachable) pass through. Anything else is a bug and is returned unchanged, so it surfaces as a
 * logged 500 instead of being disguised as a bad token.
 */
export function tokenRejection(error: unknown): unknown {
  if (error instanceof TicketingError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^(FST_JWT|FAST_JWT)_/.test(code)) return error;
  const message =
    code === wrappedCode && error instanceof Error
      ? error.message.replace(/^Authorization token is invalid: /, 'The token is invalid: ')
      : (messageByCode[code] ?? 'The token is invalid.');
  return new TicketingError('UNAUTHENTICATED', message, { cause: error });
}
