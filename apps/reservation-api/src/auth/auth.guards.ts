import { TicketingError } from '@ticketing/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  await authenticateOrChallenge(runtimeOf(request), request, reply);
}

/**
 * Route hook for the internal endpoints the reservation worker calls: the token must be valid and
 * grant `SERVICE_TOKEN_SCOPE`. A valid token without that scope (any end-user token) is
 * 403 FORBIDDEN; an invalid or missing one is 401.
 *
 * @example
 * app.post('/internal/v1/reservations/:id/expire', { onRequest: requireServiceScope }, handler);
 */
export async function requireServiceScope(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const runtime = runtimeOf(request);
  const user = await authenticateOrChallenge(runtime, request, reply);
  if (!user.scopes.has(runtime.serviceScope)) {
    reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${runtime.serviceScope}"`);
    throw new TicketingError('FORBIDDEN', `This endpoint needs a service token with the ${runtime.serviceScope} scope.`);
  }
}

async function authenticateOrChallenge(runtime: AuthRuntime, request: FastifyRequest, reply: FastifyReply) {
  try {
    return await runtime.authenticate(request);
  } catch (error) {
    // RFC 6750: a 401 tells the client which scheme to use, and whether its token was the problem.
    if (error instanceof TicketingError && error.code === 'UNAUTHENTICATED') {
      const presentedBearer = /^Bearer\s/i.test(request.headers.authorization ?? '');
      reply.header('www-authenticate', presentedBearer ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    throw error;
  }
}

/**
 * Fails closed: a route guarded before `installAuth` ran answers 500, never lets the request in.
 */
function runtimeOf(request: FastifyRequest): AuthRuntime {
  const runtime = request.server[authRuntimeKey];
  if (!runtime) throw new TicketingError('INTERNAL', 'Authentication is not installed on this server.');
  return runtime;
}
