import { SeatStatus, type GetSeatMapResponse } from '@ticketing/inventory-contract';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../auth';
import type { InventoryGateway } from '@ticketing/inventory-contract';
import { perUserRateLimit } from './rate-limit';
import { errorResponses, everyRouteErrors, userRouteErrors } from './error-responses';
import { moneySchema } from './reservation.schemas';

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

/** How long one inventory answer serves every seat-map request for the same event and section. */
const seatMapCacheMs = 1_000;

/**
 * `GET /v1/events/{event_id}/seats`: the seat map, read through to the inventory. Authenticated
 * unless SEAT_MAP_PUBLIC is true (e.g. for a public venue page).
 *
 * A 10,000-seat map costs the inventory tens of milliseconds of CPU, and during an on-sale burst
 * everyone refreshes it: concurrent requests share one inventory call and its answer is reused for
 * a second (the map is advisory — holds are decided by the inventory anyway). It is not retried on
 * a deadline: retrying an expensive read on a busy inventory only doubles the load.
 */
export function registerEventSeatRoutes(
  app: FastifyInstance,
  inventory: InventoryGateway,
  options: { readonly public: boolean; readonly deadlineMs: number },
): void {
  const recent = new Map<string, { readonly until: number; readonly answer: Promise<ReturnType<typeof toSeatMap>> }>();
  const seatMap = (eventId: string, sectionId: string | undefined) => {
    const key = `${eventId}\u0000${sectionId ?? ''}`;
    const now = Date.now();
    const cached = recent.get(key);
    if (cached && cached.until > now) return cached.answer;
    const answer = inventory.call('getSeatMap', { eventId, sectionId }, { retryable: false, deadlineMs: options.deadlineMs }).then((map) => toSeatMap(eventId, map));
    recent.set(key, { until: now + seatMapCacheMs, answer });
    answer.catch(() => recent.get(key)?.answer === answer && recent.delete(key));
    for (const [staleKey, entry] of recent) if (entry.until <= now) recent.delete(staleKey);
    return answer;
  };

  app.get(
    '/v1/events/:event_id/seats',
    {
      ...(options.public ? {} : { onRequest: [requireUser, perUserRateLimit] }),
      schema: {
        operationId: 'getSeatMap',
        summary: 'Seat map of an event',
        tags: ['events'],
        params: Type.Object(
          { event_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$', examples: ['evt_demo'] }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          { section_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only this section', examples: ['A'] })) },
          { additionalProperties: false },
        ),
        response: {
          200: { ...seatMapSchema, description: 'The seats, as of `as_of` (up to a second old).' },
          ...errorResponses(options.public ? everyRouteErrors : userRouteErrors, [
            'EVENT_NOT_FOUND',
            'SECTION_NOT_FOUND',
            'INVENTORY_THROTTLED',
          ]),
        },
      },
    },
    async (request) => {
      const { event_id: eventId } = request.params as { event_id: string };
      const { section_id: sectionId } = request.query as { section_id?: string };
      return seatMap(eventId, sectionId);
    },
  );
}

function toSeatMap(eventId: string, map: GetSeatMapResponse) {
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
}
