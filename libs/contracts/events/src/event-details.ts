import Type, { type Static } from 'typebox';

const reservationId = Type.String({ pattern: '^rsv_[0-9A-HJKMNP-TV-Z]{26}$', description: 'the reservation the event is about' });

/**
 * Every event carries `message_id`: the producer's id of the event, the same on every delivery
 * and on every re-publication (the outbox may publish an event twice; EventBridge gives each
 * publication a new envelope `id`). Consumers deduplicate on it.
 */
const messageId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });

/** W3C trace context of the request that caused the event, when there was one. */
const traceparent = Type.Optional(Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }));

/**
 * `reservation.expired`: the hold of a reservation reached its expiry (the outbox publishes it at
 * that due time). Only the fields the worker relies on are required; the outbox adds more
 * (seat ids, user, totals), which consumers may ignore.
 */
export const reservationExpiredDetail = Type.Object(
  { message_id: messageId, reservation_id: reservationId, traceparent },
  { additionalProperties: true },
);
export type ReservationExpiredDetail = Static<typeof reservationExpiredDetail>;

/** Money in minor units of an ISO 4217 currency (2500 EUR = 25.00 €). */
export const money = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);

/**
 * `payment.approved` / `payment.failed`: the payment provider's verdict on the payment intent a
 * client created for a reservation.
 */
export const paymentOutcomeDetail = Type.Object(
  {
    message_id: messageId,
    reservation_id: reservationId,
    payment_intent_id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' }),
    amount: money,
    traceparent,
  },
  { additionalProperties: true },
);
export type PaymentOutcomeDetail = Static<typeof paymentOutcomeDetail>;
