import Type from 'typebox';

/*
 * The public JSON shapes (snake_case, as seed 003 fixes them). Fastify validates requests and
 * serialises responses from these schemas, and @fastify/swagger publishes them as OpenAPI 3.
 * Every object is closed (`additionalProperties: false`): an unknown field is a 400, not ignored.
 */

const identifier = (description: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$', description });

export const moneySchema = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, description: 'integer minor units (cents)' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
  },
  { additionalProperties: false },
);

export const seatSchema = Type.Object(
  {
    seat_id: Type.String(),
    section_id: Type.String(),
    row_id: Type.String(),
    number: Type.Integer(),
    price: moneySchema,
  },
  { additionalProperties: false },
);

export const createReservationBody = Type.Object(
  {
    event_id: identifier('event to reserve seats of'),
    seat_ids: Type.Optional(
      Type.Array(identifier('seat id'), { minItems: 1, maxItems: 10, uniqueItems: true, description: 'exact seats' }),
    ),
    qty: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'number of best-available seats' })),
    section_id: Type.Optional(identifier('section for best-available seats')),
    reservation_token: Type.Optional(
      Type.String({ maxLength: 512, description: 'queue/waiting-room admission token, when the event uses one' }),
    ),
  },
  { additionalProperties: false },
);

export const reservationSchema = Type.Object(
  {
    reservation_id: Type.String(),
    event_id: Type.String(),
    status: Type.Union([
      Type.Literal('HOLD'),
      Type.Literal('CONFIRMED'),
      Type.Literal('CANCELLED'),
      Type.Literal('EXPIRED'),
      Type.Literal('REFUND_REQUIRED'),
    ]),
    hold_expires_at: Type.String({ format: 'date-time' }),
    seats: Type.Array(seatSchema),
    quantity: Type.Integer(),
    total: moneySchema,
    order_id: Type.Optional(Type.String()),
    created_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/**
 * A reservation as the reservation worker reads it (`GET /internal/v1/reservations/{id}`): the
 * public view plus its owner, whom the worker acts for in the inventory.
 */
export const internalReservationSchema = Type.Object(
  {
    ...reservationSchema.properties,
    user_id: Type.String({ description: 'the user the reservation (and its inventory hold) belongs to' }),
  },
  { additionalProperties: false },
);

export const reservationListSchema = Type.Object(
  {
    items: Type.Array(reservationSchema),
    next_cursor: Type.Optional(Type.String({ description: 'pass as `cursor` for the next page' })),
  },
  { additionalProperties: false },
);

export const reservationIdParams = Type.Object(
  { id: Type.String({ pattern: '^rsv_[0-9A-HJKMNP-TV-Z]{26}$', description: 'reservation id' }) },
  { additionalProperties: false },
);

export const listQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: 'page size, 1–100 (default 20)' })),
    cursor: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);

export const confirmBody = Type.Object(
  { payment_intent_id: identifier('the payment intent the payment provider approved') },
  { additionalProperties: false },
);

export const emptyBody = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()]);

export const errorSchema = Type.Object(
  {
    error: Type.Object(
      { code: Type.String(), message: Type.String(), trace_id: Type.String() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const idempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'required on every POST; scoped to the caller' }),
  ),
});
