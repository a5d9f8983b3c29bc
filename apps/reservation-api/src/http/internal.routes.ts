import type { IdempotencyStore, ReservationStore } from '@ticketing/reservation-store';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireServiceScope } from '../auth';
import type { ReservationApiMetrics } from '../reservation-api.metrics';
import type { SettlementService } from '../reservations/settlement.service';
import { idempotentHandler, traceparentOf } from './idempotent-route';
import { errorSchema, idempotencyHeaders, moneySchema, reservationIdParams, reservationSchema } from './reservation.schemas';

const paymentReportBody = Type.Object(
  {
    payment_intent_id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
    status: Type.Union([Type.Literal('APPROVED'), Type.Literal('FAILED')]),
    amount: moneySchema,
  },
  { additionalProperties: false },
);

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 503: errorSchema, 504: errorSchema };

/**
 * Internal endpoints for the reservation worker, never for end users: every route needs a token
 * with SERVICE_TOKEN_SCOPE (a user token is 403) and an Idempotency-Key (the worker derives it
 * from the event id, so a redelivered event cannot act twice).
 */
export function registerInternalRoutes(
  app: FastifyInstance,
  dependencies: {
    readonly settlement: SettlementService;
    readonly idempotency: IdempotencyStore;
    readonly reservations: ReservationStore;
    readonly metrics: ReservationApiMetrics;
  },
): void {
  const idempotent = idempotentHandler(dependencies, dependencies.metrics);
  const { settlement } = dependencies;

  app.post(
    '/internal/v1/reservations/:id/payment',
    {
      onRequest: requireServiceScope,
      schema: {
        summary: 'Record a payment outcome (worker only): approved confirms, failed cancels',
        tags: ['internal'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        body: paymentReportBody,
        response: { 200: reservationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as { payment_intent_id: string; status: 'APPROVED' | 'FAILED'; amount: { amount: number; currency: string } };
      return idempotent(request, reply, 'payment', () =>
        settlement.recordPayment(
          id,
          {
            paymentIntentId: body.payment_intent_id,
            status: body.status,
            amount: { amountMinor: body.amount.amount, currency: body.amount.currency },
          },
          new Date(),
          traceparentOf(request),
        ),
      );
    },
  );

  app.post(
    '/internal/v1/reservations/:id/expire',
    {
      onRequest: requireServiceScope,
      schema: {
        summary: 'Expire a reservation whose hold ran out (worker only)',
        tags: ['internal'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        response: { 200: reservationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return idempotent(request, reply, 'expire', () => settlement.expire(id, new Date()));
    },
  );
}
