import { reservationNotFound } from '@ticketing/reservation-domain';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { ReservationApiMetrics } from '../reservation-api.metrics';
import { internalReservationView } from '../reservations/reservation-view';
import type { SettlementService } from '../reservations/settlement.service';
import { idempotentHandler, traceparentOf, type IdempotentStores } from '../http/idempotent-route';
import { errorResponses, idempotentPostErrors, internalRouteErrors } from '../http/error-responses';
import {
  idempotencyHeaders,
  internalReservationSchema,
  moneySchema,
  reservationIdParams,
  reservationSchema,
} from '../http/reservation.schemas';
import type { InternalCallerGuard } from './internal-caller.guard';

const paymentReportBody = Type.Object(
  {
    payment_intent_id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
    status: Type.Union([Type.Literal('APPROVED'), Type.Literal('FAILED')]),
    amount: moneySchema,
    reacquired_hold_id: Type.Optional(
      // The inventory's hold id rules: a DynamoDB ClientRequestToken, so at most 36 characters.
      Type.String({
        minLength: 1,
        maxLength: 36,
        pattern: '^[A-Za-z0-9_-]+$',
        description:
          'APPROVED only (with FAILED: 400). The reservation\'s own hold expired before the payment arrived and the ' +
          'worker re-acquired the same seats in the inventory under this hold id, owned by the reservation\'s user. ' +
          'For a HOLD or EXPIRED reservation this hold is committed instead of the own one; it must be the user\'s ' +
          'hold on exactly the reservation\'s seats of the same event, else 400 VALIDATION_FAILED and nothing changes. ' +
          'If its seats are gone by the commit, the reservation becomes REFUND_REQUIRED. Ignored (left to expire) ' +
          'for a reservation already CONFIRMED, REFUND_REQUIRED or CANCELLED.',
      }),
    ),
    refund_if_seats_gone: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'APPROVED only. false: when the hold to commit turns out to be gone (it ran out between the worker\'s read and ' +
          'this call), answer 409 RESERVATION_EXPIRED and change nothing, so the worker can re-acquire the seats first; ' +
          'true (default): the reservation becomes REFUND_REQUIRED.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'reacquired_hold_id: only an APPROVED payment can come with a re-acquired hold',
    // The error handler answers with the description above.
    not: { required: ['status', 'reacquired_hold_id'], properties: { status: { enum: ['FAILED'] } } },
  },
);

interface PaymentReportBody {
  readonly payment_intent_id: string;
  readonly status: 'APPROVED' | 'FAILED';
  readonly amount: { readonly amount: number; readonly currency: string };
  readonly reacquired_hold_id?: string;
  readonly refund_if_seats_gone?: boolean;
}

/** What the inventory may answer when the API commits or releases a hold for the worker. */
const holdErrors = ['HOLD_NOT_FOUND', 'HOLD_NOT_ACTIVE', 'HOLD_EXPIRED', 'INVENTORY_CONTENDED', 'INVENTORY_THROTTLED'] as const;

/**
 * Internal endpoints for the reservation worker, never for end users, served on the internal port
 * only: every route admits only the callers `guard` allows for it, and every POST needs an
 * Idempotency-Key (the worker derives it from the event id, so a redelivered event cannot act twice).
 */
export function registerInternalRoutes(
  app: FastifyInstance,
  dependencies: IdempotentStores & {
    readonly settlement: SettlementService;
    readonly metrics: ReservationApiMetrics;
    readonly guard: InternalCallerGuard;
  },
): void {
  const idempotent = idempotentHandler(dependencies, dependencies.metrics);
  const { settlement, guard } = dependencies;

  app.get(
    '/internal/v1/reservations/:id',
    {
      onRequest: guard('ReadReservation'),
      schema: {
        operationId: 'readReservation',
        summary: "Any reservation, with its owner's user_id (worker only)",
        tags: ['internal'],
        params: reservationIdParams,
        response: { 200: { ...internalReservationSchema, description: 'The reservation and its owner.' }, ...errorResponses(internalRouteErrors, ['NOT_FOUND']) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const reservation = await dependencies.reservations.get(id);
      if (!reservation) throw reservationNotFound(id);
      return internalReservationView(reservation);
    },
  );

  app.post(
    '/internal/v1/reservations/:id/payment',
    {
      onRequest: guard('RecordPayment'),
      schema: {
        operationId: 'recordPayment',
        summary: 'Record a payment outcome (worker only): approved confirms (with a re-acquired hold after expiry), failed cancels',
        tags: ['internal'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        body: paymentReportBody,
        response: {
          200: { ...reservationSchema, description: 'The reservation after the report.' },
          ...errorResponses(internalRouteErrors, idempotentPostErrors, ['NOT_FOUND', 'RESERVATION_EXPIRED', 'RESERVATION_NOT_ACTIVE', ...holdErrors]),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as PaymentReportBody;
      return idempotent(request, reply, 'payment', () =>
        settlement.recordPayment(
          id,
          {
            paymentIntentId: body.payment_intent_id,
            status: body.status,
            amount: { amountMinor: body.amount.amount, currency: body.amount.currency },
            reacquiredHoldId: body.reacquired_hold_id,
            refundIfSeatsGone: body.refund_if_seats_gone ?? true,
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
      onRequest: guard('ExpireReservation'),
      schema: {
        operationId: 'expireReservation',
        summary: 'Expire a reservation whose hold ran out (worker only)',
        tags: ['internal'],
        headers: idempotencyHeaders,
        params: reservationIdParams,
        response: {
          200: { ...reservationSchema, description: 'The reservation: EXPIRED, or unchanged when its hold is still live.' },
          ...errorResponses(internalRouteErrors, idempotentPostErrors, ['NOT_FOUND', ...holdErrors]),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return idempotent(request, reply, 'expire', () => settlement.expire(id, new Date()));
    },
  );
}
