import { listCursorPattern } from '@ticketing/reservation-store';
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
  { additionalProperties: false, examples: [{ amount: 9000, currency: 'EUR' }] },
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

/** Examples of the document: real requests and answers of the demo event (`npm run seed:demo`). */
const exampleReservation = {
  reservation_id: 'rsv_01JD3K8ZQ4X5M7N9P2R6T8V0W1',
  event_id: 'evt_demo',
  status: 'HOLD',
  hold_expires_at: '2026-12-07T21:39:34.322Z',
  seats: [{ seat_id: 'A-A1', section_id: 'A', row_id: 'A', number: 1, price: { amount: 9000, currency: 'EUR' } }],
  quantity: 1,
  total: { amount: 9000, currency: 'EUR' },
  created_at: '2026-12-07T21:34:34.305Z',
};

export const createReservationBody = Type.Object(
  {
    event_id: identifier('event to reserve seats of'),
    seat_ids: Type.Optional(
      Type.Array(identifier('seat id'), { minItems: 1, maxItems: 10, uniqueItems: true, description: 'exact seats' }),
    ),
    qty: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'number of best-available seats' })),
    section_id: Type.Optional(identifier('section for best-available seats')),
    allow_split: Type.Optional(
      Type.Boolean({
        description: 'with qty: when no row has that many adjacent free seats, the party may sit in two adjacent rows (front and back, overlapping columns)',
      }),
    ),
    reservation_token: Type.Optional(
      Type.String({ maxLength: 512, description: 'queue/waiting-room admission token, when the event uses one' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'seat_ids or qty: exactly one of them (seat_ids: these seats; qty: that many best-available seats, optionally in section_id, allow_split only with qty)',
    // Exactly one way to choose seats, and allow_split only with qty (the one alternative that has
    // seat_ids); the error handler answers with the description above.
    anyOf: [{ required: ['seat_ids'] }, { required: ['qty'] }],
    allOf: [
      { not: { required: ['seat_ids', 'qty'] }, description: 'seat_ids or qty: exactly one of them, not both' },
      { not: { required: ['seat_ids', 'allow_split'] }, description: 'allow_split only goes with qty, not with seat_ids' },
    ],
    examples: [{ event_id: 'evt_demo', seat_ids: ['A-A1', 'A-A2'] }, { event_id: 'evt_demo', qty: 2, section_id: 'A' }],
  },
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
    order_id: Type.Optional(Type.String({ description: 'once CONFIRMED' })),
    created_at: Type.String({ format: 'date-time' }),
  },
  {
    additionalProperties: false,
    examples: [exampleReservation, { ...exampleReservation, status: 'CONFIRMED', order_id: 'ord_01JD3K9B2C4D6F8G0H2J4K6M8N' }],
  },
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
  { additionalProperties: false, examples: [{ ...exampleReservation, user_id: 'user-1' }] },
);

export const reservationListSchema = Type.Object(
  {
    items: Type.Array(reservationSchema),
    next_cursor: Type.Optional(Type.String({ pattern: listCursorPattern, description: 'pass as `cursor` for the next page; absent on the last page' })),
  },
  { additionalProperties: false, examples: [{ items: [exampleReservation], next_cursor: 'MjAyNi0xMi0wN1QyMTozNDozNC4zMDVaI3JzdF8wMQ' }] },
);

export const reservationIdParams = Type.Object(
  { id: Type.String({ pattern: '^rsv_[0-9A-HJKMNP-TV-Z]{26}$', description: 'reservation id' }) },
  { additionalProperties: false },
);

export const listQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: 'page size, 1–100 (default 20)' })),
    cursor: Type.Optional(
      Type.String({
        pattern: listCursorPattern,
        description:
          'opaque: the `next_cursor` of the previous page, passed as given (2–128 characters of A–Z, a–z, 0–9, `_`, `-`). ' +
          'It is a position in your own reservations, nothing more: any value of this form is accepted, and one the API did not issue starts at some position',
      }),
    ),
  },
  { additionalProperties: false },
);

export const confirmBody = Type.Object(
  { payment_intent_id: identifier('the payment intent the payment provider approved') },
  { additionalProperties: false, examples: [{ payment_intent_id: 'pi_3QxYz2AbCdEf' }] },
);

export const emptyBody = Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()]);

/**
 * Required on every POST (missing: 400 IDEMPOTENCY_REQUIRED). A retry with the same key and body
 * replays the first answer (`Idempotency-Replayed: true`); the same key with another body is 409.
 */
export const idempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'one per intended action, scoped to the caller; a UUID is a good choice',
    examples: ['8f14e45f-ceea-467a-9575-6b1d2e1a6b0e'],
  }),
});
