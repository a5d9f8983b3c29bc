import type { IdempotencyStore, ReservationStore } from '@ticketing/reservation-store';
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth';
import type { ReservationApiMetrics } from '../reservation-api.metrics';
import { reservationView } from '../reservations/reservation-view';
import type { CreateReservationInput, ReservationsService } from '../reservations/reservations.service';
import type { SettlementService } from '../reservations/settlement.service';
import { idempotentHandler, traceparentOf } from './idempotent-route';
import { perUserRateLimit } from './rate-limit';
import {
  confirmBody,
  createReservationBody,
  emptyBody,
  errorSchema,
  idempotencyHeaders,
  listQuery,
  reservationIdParams,
  reservationListSchema,
  reservationSchema,
} from './reservation.schemas';

/** What the reservation routes need. */
export interface ReservationRoutesDependencies {
  readonly service: ReservationsService;
  readonly settlement: SettlementService;
  readonly reservations: ReservationStore;
  readonly idempotency: IdempotencyStore;
  readonly metrics: ReservationApiMetrics;
}

const errors = {
  400: errorSchema,
  401: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
  503: errorSchema,
  504: errorSchema,
};

/**
 * `/v1/reservations`: create (POST, Idempotency-Key), read one, list mine, cancel (POST,
 * Idempotency-Key). Every route needs a user token; a reservation is only ever visible to its user.
 */
export function registerReservationRoutes(app: FastifyInstance, dependencies: ReservationRoutesDependencies): void {
  const { service, settlement } = dependencies;
  const idempotent = idempotentHandler(dependencies, dependencies.metrics);

  app.post(
    '/v1/reservations',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: {
        summary: 'Hold seats as a reservation',
        tags: ['reservations'],
        headers: idempotencyHeaders,
        body: createReservationBody,
        response: { 201: reservationSchema, ...errors, 412: errorSchema },
      },
    },
    async (request, reply) => {
      const input = request.body as CreateReservationInput;
      const now = new Date();
      // Overlaps the live-holds query with the Idempotency-Key claim; only a new request awaits it
      // (a replay answers as before, whatever the user holds now).
      const holdLimitCheck = service.assertBelowHoldLimit(request.user.userId, input.event_id, now);
      holdLimitCheck.catch(() => undefined);
      return idempotent(request, reply, 'create', () =>
        service.create(request.user.userId, input, now, holdLimitCheck, traceparentOf(request)),
      );
    },
  );

  app.get(
    '/v1/reservations/:id',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: { summary: 'One of my reservations', tags: ['reservations'], params: reservationIdParams, response: { 200: reservationSchema, ...errors } },
    },
    async (request) => reservationView(await service.get(request.user.userId, (request.params as { id: string }).id)),
  );

  app.get(
    '/v1/reservations',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: { summary: 'My reservations, newest first', tags: ['reservations'], querystring: listQuery, response: { 200: reservationListSchema, ...errors } },
    },
    async (request) => {
      const query = request.query as { limit?: string; cursor?: string };
      const page = await dependencies.reservations.listByUser(request.user.userId, {
        limit: query.limit ? Number(query.limit) : 20,
        cursor: query.cursor,
      });
      return {
        items: page.items.map((item) => reservationView(item)),
        ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
      };
    },
  );

  app.post(
    '/v1/reservations/:id/cancel',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: {
        summary: 'Cancel a held reservation and give its seats back',
        tags: ['reservations'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        body: emptyBody,
        response: { 200: reservationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return idempotent(request, reply, 'cancel', () =>
        service.cancel(request.user.userId, id, new Date(), traceparentOf(request)).catch((error: unknown) =>
          service.explainConflict(request.user.userId, id, error),
        ),
      );
    },
  );

  app.post(
    '/v1/reservations/:id/confirm',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: {
        summary: 'Confirm a held reservation with an approved payment',
        tags: ['reservations'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        body: confirmBody,
        response: { 200: reservationSchema, ...errors, 412: errorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { payment_intent_id: paymentIntentId } = request.body as { payment_intent_id: string };
      return idempotent(request, reply, 'confirm', () =>
        settlement
          .confirm(request.user.userId, id, paymentIntentId, new Date(), traceparentOf(request))
          .catch((error: unknown) => service.explainConflict(request.user.userId, id, error)),
      );
    },
  );
}
