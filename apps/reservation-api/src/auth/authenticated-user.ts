import { TicketingError } from '@ticketing/errors';

/**
 * The caller a verified bearer token speaks for. `userId` is the token's `sub` and is what
 * reservations, idempotency keys and rate limits are scoped to; `scopes` are the OAuth scopes the
 * token grants (from `scope`, space separated, and/or `scp`, a list).
 */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly scopes: ReadonlySet<string>;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    /**
     * `request.user` after `requireUser` ran (on the internal listener: after its caller guard, with
     * the service account as `userId`). Routes without a guard must not read it: it is `null` there.
     */
    user: AuthenticatedUser;
  }
}

/** Longer ids are not user ids any issuer we know produces; they would only bloat storage keys. */
const maxUserIdLength = 256;

/**
 * Turns the claims of a token whose signature, issuer, audience and lifetime were already verified
 * into the {@link AuthenticatedUser}. The shape of `sub` is checked here because the JWT library
 * only checks that it is present.
 *
 * @throws TicketingError UNAUTHENTICATED when `sub` is not a usable user id.
 */
export function authenticatedUserFrom(claims: unknown): AuthenticatedUser {
  const { sub, scope, scp } = (typeof claims === 'object' && claims !== null ? claims : {}) as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > maxUserIdLength) {
    throw new TicketingError('UNAUTHENTICATED', 'The token has no usable sub claim (a non-empty string is required).');
  }
  return { userId: sub, scopes: new Set([...scopeWords(scope), ...scopeWords(scp)]) };
}

/**
 * Issuers disagree on the format (`scope: "a b"`, Okta's `scp: ["a", "b"]`, Entra's `scp: "a b"`),
 * so both claims accept both forms. Anything else contributes no scope: ignoring a malformed claim
 * can only take rights away, never grant them.
 */
function scopeWords(claim: unknown): string[] {
  const words = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [];
  return words.filter((word): word is string => typeof word === 'string' && word !== '' && !word.includes(' '));
}
