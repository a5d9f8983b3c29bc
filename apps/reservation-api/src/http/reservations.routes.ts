import type { FastifyInstance } from 'fastify';
import { requireUser } from '../auth';
import type { ReservationApiMetrics } from '../reservation-api.metrics';
import { reservationView } from '../reservations/reservation-view';
import type { CreateReservationInput, ReservationsService } from '../reservations/reservations.service';
import type { SettlementService } from '../reservations/settlement.service';
import { idempotentHandler, traceparentOf, type IdempotentStores } from './idempotent-route';
import { perUserRateLimit } from './rate-limit';
import { errorResponses, idempotentPostErrors, userRouteErrors } from './error-responses';
import {
  confirmBody,
  createReservationBody,
  emptyBody,
  idempotencyHeaders,
  listQuery,
  reservationIdParams,
  reservationListSchema,
  reservationSchema,
} from './reservation.schemas';

/** What the reservation routes need. */
export interface ReservationRoutesDependencies extends IdempotentStores {
  readonly service: ReservationsService;
  readonly settlement: SettlementService;
  readonly metrics: ReservationApiMetrics;
}

/** What the inventory may answer about a reservation's hold when it is released or committed. */
const holdErrors = ['HOLD_NOT_FOUND', 'HOLD_NOT_ACTIVE', 'HOLD_EXPIRED', 'INVENTORY_CONTENDED', 'INVENTORY_THROTTLED'] as const;

/** Where a new reservation leads (OpenAPI links): read it, cancel it, confirm it, see its event's seats. */
const reservationLinks = {
  GetReservation: { operationId: 'getReservation', parameters: { id: '$response.body#/reservation_id' } },
  CancelReservation: { operationId: 'cancelReservation', parameters: { id: '$response.body#/reservation_id' } },
  ConfirmReservation: { operationId: 'confirmReservation', parameters: { id: '$response.body#/reservation_id' } },
  GetSeatMap: { operationId: 'getSeatMap', parameters: { event_id: '$response.body#/event_id' } },
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
        operationId: 'createReservation',
        summary: 'Hold seats as a reservation',
        tags: ['reservations'],
        headers: idempotencyHeaders,
        body: createReservationBody,
        response: {
          201: { ...reservationSchema, description: 'The seats are held until `hold_expires_at`.' },
          ...errorResponses(userRouteErrors, idempotentPostErrors, [
            'EVENT_NOT_FOUND',
            'SECTION_NOT_FOUND',
            'SEAT_NOT_FOUND',
            'EVENT_NOT_ON_SALE',
            'INVENTORY_CONFLICT',
            'INVENTORY_CONTENDED',
            'INVENTORY_THROTTLED',
            'TOO_MANY_HOLDS',
          ]),
        },
      },
      links: { 201: reservationLinks },
    },
    async (request, reply) => {
      const input = request.body as CreateReservationInput;
      return idempotent(request, reply, 'create', () => service.create(request.user.userId, input, new Date(), traceparentOf(request)));
    },
  );

  app.get(
    '/v1/reservations/:id',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: {
        operationId: 'getReservation',
        summary: 'One of my reservations',
        tags: ['reservations'],
        params: reservationIdParams,
        response: { 200: { ...reservationSchema, description: 'The reservation.' }, ...errorResponses(userRouteErrors, ['NOT_FOUND']) },
      },
    },
    async (request) => reservationView(await service.get(request.user.userId, (request.params as { id: string }).id)),
  );

  app.get(
    '/v1/reservations',
    {
      onRequest: [requireUser, perUserRateLimit],
      schema: {
        operationId: 'listReservations',
        summary: 'My reservations, newest first',
        tags: ['reservations'],
        querystring: listQuery,
        response: { 200: { ...reservationListSchema, description: 'One page.' }, ...errorResponses(userRouteErrors) },
      },
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
        operationId: 'cancelReservation',
        summary: 'Cancel a held reservation and give its seats back',
        tags: ['reservations'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        body: emptyBody,
        response: {
          200: { ...reservationSchema, description: 'The reservation, CANCELLED.' },
          ...errorResponses(userRouteErrors, idempotentPostErrors, ['NOT_FOUND', 'RESERVATION_NOT_ACTIVE', 'RESERVATION_EXPIRED', ...holdErrors]),
        },
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
        operationId: 'confirmReservation',
        summary: 'Confirm a held reservation with an approved payment',
        tags: ['reservations'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        body: confirmBody,
        response: {
          200: { ...reservationSchema, description: 'The reservation, CONFIRMED, with its order.' },
          ...errorResponses(userRouteErrors, idempotentPostErrors, [
            'NOT_FOUND',
            'PAYMENT_NOT_APPROVED',
            'RESERVATION_NOT_ACTIVE',
            'RESERVATION_EXPIRED',
            ...holdErrors,
          ]),
        },
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
