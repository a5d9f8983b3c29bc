import { TicketingError } from '@ticketing/errors';
import {
  bearerTokenOf,
  createServiceTokenVerifier,
  isSameSecret,
  ServiceAccessPolicy,
  warnIfLocalMode,
  type ServiceCaller,
} from '@ticketing/service-identity';
import type { Logger } from '@ticketing/telemetry';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withBearerChallenge } from '../http/bearer-challenge';
import type { InternalCallerAuth } from '@ticketing/reservation-api-config';

/** The internal endpoints, as the access policy names them. */
export type InternalOperation = 'ReadReservation' | 'RecordPayment' | 'ExpireReservation';

/** An `onRequest` hook admitting only callers allowed to make `operation`. */
export type InternalCallerGuard = (operation: InternalOperation) => (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Who a static-token caller is, for idempotency and logs: the token names no account. */
const staticTokenIdentity: ServiceCaller = { serviceAccount: 'static-token-caller' };

/**
 * Answers "what if the caller is someone else?" for the internal endpoints, before the body is
 * parsed and anything is read or written.
 *
 * service-account (the default): the bearer token must be a service-account token for this API's
 * audience, verified against the issuer's JWKS, of one of the worker's service accounts. A missing
 * or bad token is 401 UNAUTHENTICATED (with a `WWW-Authenticate` challenge), a valid token of
 * another service (or an end user's token, which fails the issuer or audience check) 401 or 403.
 *
 * static-token (fallback): the one configured token; none configured admits everyone (local mode
 * only, refused at startup otherwise).
 *
 * The caller's service account becomes `request.user.userId`: the scope of its Idempotency-Keys.
 */
export function internalCallerGuard(auth: InternalCallerAuth, logger: Logger): InternalCallerGuard {
  warnIfLocalMode(auth, logger);
  const callerOf = auth.mode === 'service-account' ? serviceAccountCallerOf(auth, logger) : staticTokenCallerOf(auth, logger);
  const policy =
    auth.mode === 'service-account'
      ? new ServiceAccessPolicy<InternalOperation>({
          ReadReservation: auth.workerAccounts,
          RecordPayment: auth.workerAccounts,
          ExpireReservation: auth.workerAccounts,
        })
      : undefined;
  return (operation) => async (request, reply) => {
    const caller = await withBearerChallenge(request, reply, () => callerOf(request.headers.authorization));
    policy?.authorize(caller, operation);
    request.user = { userId: caller.serviceAccount, scopes: new Set() };
  };
}

function serviceAccountCallerOf(auth: Extract<InternalCallerAuth, { mode: 'service-account' }>, logger: Logger) {
  const verify = createServiceTokenVerifier(auth.verifier, logger);
  return async (authorization: string | undefined): Promise<ServiceCaller> => {
    const token = bearerTokenOf(authorization);
    if (!token) throw new TicketingError('UNAUTHENTICATED', 'Missing service token: send "authorization: Bearer <service-account token>".');
    return verify(token);
  };
}

function staticTokenCallerOf(auth: Extract<InternalCallerAuth, { mode: 'static-token' }>, logger: Logger) {
  logger.warn('SERVICE_AUTH_MODE=static-token: every caller holding the shared internal token is trusted as the worker');
  return async (authorization: string | undefined): Promise<ServiceCaller> => {
    if (!auth.internalToken) return staticTokenIdentity;
    const token = bearerTokenOf(authorization);
    if (!token || !isSameSecret(token, auth.internalToken)) throw new TicketingError('UNAUTHENTICATED', 'Missing or wrong internal token.');
    return staticTokenIdentity;
  };
}
