import { SeatStatus } from '@ticketing/inventory-contract';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../auth';
import type { InventoryGateway } from '../inventory/inventory-gateway';
import { perUserRateLimit } from './rate-limit';
import { errorSchema, moneySchema } from './reservation.schemas';

const seatMapSchema = Type.Object(
  {
    event_id: Type.String(),
    seats: Type.Array(
      Type.Object(
        {
          seat_id: Type.String(),
          section_id: Type.String(),
          row_id: Type.String(),
          number: Type.Integer(),
          price: moneySchema,
          status: Type.Union([Type.Literal('AVAILABLE'), Type.Literal('HELD'), Type.Literal('SOLD'), Type.Literal('BLOCKED')]),
        },
        { additionalProperties: false },
      ),
    ),
    as_of: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const statusNames: Record<number, 'AVAILABLE' | 'HELD' | 'SOLD' | 'BLOCKED'> = {
  [SeatStatus.AVAILABLE]: 'AVAILABLE',
  [SeatStatus.HELD]: 'HELD',
  [SeatStatus.SOLD]: 'SOLD',
  [SeatStatus.BLOCKED]: 'BLOCKED',
};

/**
 * `GET /v1/events/{event_id}/seats`: the seat map, read through to the inventory. Authenticated
 * unless SEAT_MAP_PUBLIC is true (e.g. for a public venue page).
 */
export function registerEventSeatRoutes(app: FastifyInstance, inventory: InventoryGateway, options: { readonly public: boolean }): void {
  app.get(
    '/v1/events/:event_id/seats',
    {
      ...(options.public ? {} : { onRequest: [requireUser, perUserRateLimit] }),
      schema: {
        summary: 'Seat map of an event',
        tags: ['events'],
        params: Type.Object(
          { event_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          { section_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: seatMapSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 429: errorSchema, 503: errorSchema, 504: errorSchema },
      },
    },
    async (request) => {
      const { event_id: eventId } = request.params as { event_id: string };
      const { section_id: sectionId } = request.query as { section_id?: string };
      const map = await inventory.call('getSeatMap', { eventId, sectionId }, { retryable: true });
      return {
        event_id: eventId,
        seats: map.seats.map((seat) => ({
          seat_id: seat.seatId,
          section_id: seat.sectionId,
          row_id: seat.rowId,
          number: seat.number,
          price: { amount: seat.price?.amountMinor ?? 0, currency: seat.price?.currency ?? '' },
          status: statusNames[seat.status] ?? 'BLOCKED',
        })),
        as_of: (map.asOf ?? new Date()).toISOString(),
      };
    },
  );
}
