import { TicketingError } from '@ticketing/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withBearerChallenge } from '../http/bearer-challenge';
import { authRuntimeKey, type AuthRuntime } from './install-auth';

/**
 * Route hook admitting any caller with a valid bearer token; afterwards `request.user` holds its
 * `userId` (the token's `sub`) and scopes. Anything else is 401 UNAUTHENTICATED.
 *
 * Use it as `onRequest` so unauthenticated requests are refused before their body is parsed and
 * validated, and before idempotency handling, which needs the user; it works as `preHandler` too.
 *
 * @example
 * app.get('/v1/reservations/:id', { onRequest: requireUser }, async (request) => load(request.user.userId));
 */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const runtime = runtimeOf(request);
  await withBearerChallenge(request, reply, () => runtime.authenticate(request));
}

/**
 * Fails closed: a route guarded before `installAuth` ran answers 500, never lets the request in.
 */
function runtimeOf(request: FastifyRequest): AuthRuntime {
  const runtime = request.server[authRuntimeKey];
  if (!runtime) throw new TicketingError('INTERNAL', 'Authentication is not installed on this server.');
  return runtime;
}
