import Type, { type Static } from 'typebox';

const reservationId = Type.String({ pattern: '^rsv_[0-9A-HJKMNP-TV-Z]{26}$', description: 'the reservation the event is about' });

/**
 * Every event carries `message_id`: the producer's id of the event, the same on every delivery
 * and on every re-publication (the outbox may publish an event twice; EventBridge gives each
 * publication a new envelope `id`). Consumers deduplicate on it.
 */
const messageId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9_.:-]+$',
  description: "the producer's id of the event, the same on every delivery and re-publication; consumers deduplicate on it",
});

/** W3C trace context of the request that caused the event, when there was one. */
const traceparent = Type.Optional(
  Type.String({
    pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
    description: 'W3C trace context of the request that caused the event: one trace spans API, bus and worker',
  }),
);

/**
 * `reservation.expired`: the hold of a reservation reached its expiry (the outbox publishes it at
 * that due time). Only the fields the worker relies on are required; the outbox adds more
 * (seat ids, user, totals: {@link reservationEventDetail}), which consumers may ignore.
 */
export const reservationExpiredDetail = Type.Object(
  { message_id: messageId, reservation_id: reservationId, traceparent },
  { additionalProperties: true },
);
export type ReservationExpiredDetail = Static<typeof reservationExpiredDetail>;

/** Money in minor units of an ISO 4217 currency (2500 EUR = 25.00 €). */
export const money = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'minor units (2500 EUR = 25.00 €)' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' }),
  },
  { additionalProperties: false },
);

const paymentIntentId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9_.:-]+$',
  description: "the payment provider's payment intent",
});

/**
 * `payment.approved` / `payment.failed`: the payment provider's verdict on the payment intent a
 * client created for a reservation.
 */
export const paymentOutcomeDetail = Type.Object(
  {
    message_id: messageId,
    reservation_id: reservationId,
    payment_intent_id: paymentIntentId,
    amount: Type.Object(money.properties, { additionalProperties: false, description: 'the amount paid' }),
    traceparent,
  },
  { additionalProperties: true },
);
export type PaymentOutcomeDetail = Static<typeof paymentOutcomeDetail>;

/**
 * The detail of every event the reservation API publishes through its outbox (source
 * `ticketing.reservation`): the reservation as it is after the change, so consumers need not call
 * back. Exactly these fields; the API's tests hold what it publishes to this schema.
 */
export const reservationEventDetail = Type.Object(
  {
    message_id: messageId,
    reservation_id: reservationId,
    user_id: Type.String({ minLength: 1, description: "the reservation's owner (the `sub` of the JWT that created it)" }),
    event_id: Type.String({ minLength: 1, description: 'the event (concert, match) the seats are for' }),
    status: Type.Union(
      ['HOLD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUND_REQUIRED'].map((status) => Type.Literal(status)),
      { description: "the reservation's status after the change" },
    ),
    seat_ids: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'the reserved seats' }),
    quantity: Type.Integer({ minimum: 1, description: 'how many seats' }),
    total: Type.Object(money.properties, { additionalProperties: false, description: 'the price of the seats' }),
    hold_expires_at: Type.String({ format: 'date-time', description: "when the reservation's hold runs (or ran) out" }),
    order_id: Type.Optional(Type.String({ minLength: 1, description: 'the order, once the reservation is confirmed' })),
    payment: Type.Optional(
      Type.Object(
        {
          payment_intent_id: paymentIntentId,
          status: Type.Union([Type.Literal('APPROVED'), Type.Literal('FAILED')], { description: "the provider's verdict" }),
          amount: Type.Object(money.properties, { additionalProperties: false, description: 'the amount paid' }),
        },
        {
          additionalProperties: false,
          description: 'the recorded payment, once there is one; in `reservation.refund_required`, the payment to refund',
        },
      ),
    ),
    traceparent,
  },
  { additionalProperties: false },
);
export type ReservationEventDetail = Static<typeof reservationEventDetail>;
