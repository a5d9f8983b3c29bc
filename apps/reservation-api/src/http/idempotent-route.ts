import { TicketingError } from '@ticketing/errors';
import { idempotencyRequestHash } from '@ticketing/reservation-domain';
import {
  isFinalStatusCode,
  runIdempotently,
  type ClaimStore,
  type IdempotencyStore,
  type IdempotentOutcome,
  type ReservationStore,
  type StoredResponse,
} from '@ticketing/reservation-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, httpStatusOf, traceIdOf } from '../error-handler';
import type { ReservationApiMetrics } from '../reservation-api.metrics';

/** Where idempotent requests claim their keys, store their answers and write their changes. */
export interface IdempotentStores {
  readonly claims: ClaimStore;
  readonly idempotency: IdempotencyStore;
  readonly reservations: ReservationStore;
}

/**
 * The HTTP adapter of the idempotency engine (`runIdempotently` in @ticketing/reservation-store):
 * a POST handler body that runs `work` once per (authenticated caller, Idempotency-Key), answers
 * replays with the stored status and body plus `idempotent-replayed: true`, stores a final refusal
 * (400, 404, 412 …) as the error body a retry gets again, and refuses a POST without the header
 * (400 IDEMPOTENCY_REQUIRED). Needs `request.user` (run after requireUser).
 */
export function idempotentHandler(stores: IdempotentStores, metrics: ReservationApiMetrics) {
  return async (request: FastifyRequest, reply: FastifyReply, operation: string, work: () => Promise<IdempotentOutcome>) => {
    const key = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
    try {
      if (!key) throw new TicketingError('IDEMPOTENCY_REQUIRED', 'POST requests need an Idempotency-Key header.');
      const answer = await runIdempotently(
        stores,
        {
          userId: request.user.userId,
          key,
          requestHash: idempotencyRequestHash(request.method, request.url.split('?')[0] ?? '', request.body),
          now: new Date(),
        },
        work,
        { finalAnswerOf: (error) => finalAnswerOf(error, traceIdOf(request)) },
      );
      metrics.idempotency.inc({ result: answer.replayed ? 'replayed' : 'executed' });
      metrics.reservations.inc({ operation, outcome: answer.replayed ? 'replayed' : 'ok' });
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(answer.statusCode).send(answer.body);
    } catch (error) {
      const code = error instanceof TicketingError ? error.code : 'INTERNAL';
      const idempotencyResult = { IDEMPOTENCY_REQUIRED: 'missing', IDEMPOTENCY_CONFLICT: 'conflict', IDEMPOTENCY_IN_PROGRESS: 'in_flight' }[
        code as string
      ];
      metrics.idempotency.inc({ result: idempotencyResult ?? 'executed' });
      metrics.reservations.inc({ operation, outcome: code });
      throw error;
    }
  };
}

/** The answer stored for a refusal a retry cannot change (400, 404, 412 …); none for one it may (5xx, 409, 429). */
function finalAnswerOf(error: unknown, traceId: string): StoredResponse | undefined {
  if (!(error instanceof TicketingError)) return undefined;
  const statusCode = httpStatusOf(error.code);
  return isFinalStatusCode(statusCode) ? { statusCode, body: errorBody(error.code, error.message, traceId) } : undefined;
}

/** The W3C trace context of the request, carried into the events it causes. */
export function traceparentOf(request: FastifyRequest): string | undefined {
  const header = request.headers['traceparent'];
  return typeof header === 'string' && /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(header) ? header : undefined;
}
