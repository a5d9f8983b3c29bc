import { TicketingError } from '@ticketing/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Runs `authenticate` and, when it refuses the caller as UNAUTHENTICATED, adds the RFC 6750
 * challenge: a 401 tells the client which scheme to use, and whether its token was the problem.
 */
export async function withBearerChallenge<Caller>(
  request: FastifyRequest,
  reply: FastifyReply,
  authenticate: () => Promise<Caller>,
): Promise<Caller> {
  try {
    return await authenticate();
  } catch (error) {
    if (error instanceof TicketingError && error.code === 'UNAUTHENTICATED') {
      const presentedBearer = /^Bearer\s/i.test(request.headers.authorization ?? '');
      reply.header('www-authenticate', presentedBearer ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    throw error;
  }
}
