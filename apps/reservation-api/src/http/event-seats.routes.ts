import sse from '@fastify/sse';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireUser } from '../auth';
import type { SeatMapSource } from '../seat-map/seat-map-source';
import type { SeatChanges } from '../seat-map/seat-feed';
import { matchesEtag } from '../seat-map/seat-map-view';
import { errorResponses, everyRouteErrors, userRouteErrors } from './error-responses';
import { perUserRateLimit } from './rate-limit';
import { moneySchema } from './reservation.schemas';

const seatStatusSchema = Type.Union([Type.Literal('AVAILABLE'), Type.Literal('HELD'), Type.Literal('SOLD'), Type.Literal('BLOCKED')]);

const sectionCountsSchema = Type.Object(
  {
    section_id: Type.String(),
    available: Type.Integer({ minimum: 0 }),
    held: Type.Integer({ minimum: 0 }),
    sold: Type.Integer({ minimum: 0 }),
    blocked: Type.Integer({ minimum: 0 }),
    total: Type.Integer({ minimum: 0, description: 'available + held + sold + blocked' }),
  },
  { additionalProperties: false },
);

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
          status: seatStatusSchema,
        },
        { additionalProperties: false },
      ),
    ),
    sections: Type.Array(sectionCountsSchema, { description: 'Counts of every section in `seats`, in layout order.' }),
    as_of: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const eventIdParams = Type.Object(
  { event_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$', examples: ['evt_demo'] }) },
  { additionalProperties: false },
);

const conditionalHeaders = Type.Object({
  'if-none-match': Type.Optional(Type.String({ maxLength: 512, description: 'The `ETag` of a map you have: 304 while it is still the map.' })),
});

const streamHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({ maxLength: 32, description: 'The id of the last event you received: the stream resumes after it when it can.' }),
  ),
});

/** The response headers of a seat map. */
const cachingHeaders = {
  etag: { type: 'string', description: 'Names what the map says (seats and counts); send it back as `If-None-Match`.' },
  'cache-control': { type: 'string', description: '`private, max-age=1`, or `public, max-age=1, stale-while-revalidate=5` for a public map.' },
};

/** How the seat-map routes are served. */
export interface SeatMapRouteOptions {
  /** Serve them without a token (SEAT_MAP_PUBLIC). */
  readonly public: boolean;
}

/**
 * `GET /v1/events/{event_id}/seats`: the seat map, with per-section counts, from the shared
 * {@link SeatMapSource} (at most a second old). Conditional: the `ETag` names what the map says,
 * and `If-None-Match` with it answers 304 until a seat changes. `Cache-Control` lets a CDN or the
 * browser reuse it for a second (publicly only when SEAT_MAP_PUBLIC is on).
 *
 * `GET /v1/events/{event_id}/seats/stream`: Server-Sent Events for watchers — `snapshot` (the map),
 * then `seats` (what changed: seats with their new status, and the section counts), each with a
 * rising id; a reconnect with `Last-Event-ID` resumes after it while the changes are still kept,
 * else it starts with a new snapshot. Authenticated unless SEAT_MAP_PUBLIC is true.
 */
export async function registerEventSeatRoutes(app: FastifyInstance, source: SeatMapSource, options: SeatMapRouteOptions): Promise<void> {
  await app.register(sse, { heartbeatInterval: 15_000 });
  const guards = options.public ? {} : { onRequest: [requireUser, perUserRateLimit] };
  const cacheControl = options.public ? 'public, max-age=1, stale-while-revalidate=5' : 'private, max-age=1';
  const routeErrors = options.public ? everyRouteErrors : userRouteErrors;

  app.get(
    '/v1/events/:event_id/seats',
    {
      ...guards,
      schema: {
        operationId: 'getSeatMap',
        summary: 'Seat map of an event',
        tags: ['events'],
        params: eventIdParams,
        headers: conditionalHeaders,
        querystring: Type.Object(
          { section_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only this section', examples: ['A'] })) },
          { additionalProperties: false },
        ),
        response: {
          200: { ...seatMapSchema, description: 'The seats, as of `as_of` (up to a second old).', headers: cachingHeaders },
          304: { type: 'null', description: 'The map named by `If-None-Match` is still the map.', headers: cachingHeaders },
          ...errorResponses(routeErrors, ['EVENT_NOT_FOUND', 'SECTION_NOT_FOUND', 'INVENTORY_THROTTLED']),
        },
      },
    },
    async (request, reply) => {
      const { event_id: eventId } = request.params as { event_id: string };
      const { section_id: sectionId } = request.query as { section_id?: string };
      const { map, etag } = await source.read(eventId, sectionId);
      reply.header('etag', etag).header('cache-control', cacheControl);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return map;
    },
  );

  app.get(
    '/v1/events/:event_id/seats/stream',
    {
      ...guards,
      sse: 'only',
      schema: {
        operationId: 'streamSeatMap',
        summary: 'Live changes of a seat map (Server-Sent Events)',
        description:
          'Events: `snapshot` (data: the seat map, as GET …/seats answers it), then `seats` (data: `{version, seats: [{seat_id, status}], sections, as_of}`), ' +
          'each with a rising id. Reconnect with `Last-Event-ID` to resume; an id the server no longer knows starts with a new snapshot.',
        tags: ['events'],
        params: eventIdParams,
        headers: streamHeaders,
        response: {
          200: { description: 'The stream (text/event-stream).', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          ...errorResponses(routeErrors, ['EVENT_NOT_FOUND', 'INVENTORY_THROTTLED']),
        },
      },
    },
    async (request, reply) => {
      const { event_id: eventId } = request.params as { event_id: string };
      const feed = await source.feed(eventId);
      reply.header('cache-control', 'no-store');
      reply.sse.keepAlive();
      // Commit the response as a stream now: the handler returns before the first event is written.
      reply.sse.sendHeaders();
      // One chain per watcher keeps its events in order, whatever the socket's pace.
      let sending = Promise.resolve();
      const send = (message: { id: string; event: string; data: unknown }) => {
        sending = sending.then(() => (reply.sse.isConnected ? reply.sse.send(message) : undefined)).catch(() => undefined);
      };
      const sendChanges = (changes: SeatChanges) => send({ id: String(changes.version), event: 'seats', data: changes });
      // Synchronously: what the watcher missed (or a snapshot), then every later change, so nothing falls between.
      const lastSeen = Number(reply.sse.lastEventId ?? Number.NaN);
      const missed = Number.isSafeInteger(lastSeen) ? feed.since(lastSeen) : undefined;
      if (missed) missed.forEach(sendChanges);
      else send({ id: String(feed.version), event: 'snapshot', data: feed.map.map });
      reply.sse.onClose(feed.subscribe(sendChanges));
    },
  );
}
