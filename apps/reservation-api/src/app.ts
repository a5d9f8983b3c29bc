import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { countDynamoDbCalls } from '@ticketing/aws';
import { createMetricsRegistry, type Logger } from '@ticketing/telemetry';
import { registerFastifyOps } from '@ticketing/fastify-ops';
import type { FastifyInstance } from 'fastify';
import { installAuth } from './auth';
import type { ReservationApiConfig } from '@ticketing/reservation-api-config';
import type { ReservationApiDependencies } from './dependencies';
import { SeatMapSource } from './seat-map/seat-map-source';
import { registerEventSeatRoutes } from './http/event-seats.routes';
import { installRateLimit } from './http/rate-limit';
import { registerReservationRoutes } from './http/reservations.routes';
import { createHttpServer } from './http-server';
import { buildInternalServer } from './internal/internal-server';
import { startOutboxRelayFromConfig } from './outbox/outbox-relay.factory';
import { createReservationApiMetrics } from './reservation-api.metrics';
import { ReservationsService } from './reservations/reservations.service';
import { SettlementService } from './reservations/settlement.service';

/** The API's two listeners: closing `public` closes `internal`, the outbox relay and every client too. */
export interface ReservationApiServers {
  /** End users' endpoints, /docs, /health, /ready and /metrics. */
  readonly public: FastifyInstance;
  /** The reservation worker's endpoints (see buildInternalServer). */
  readonly internal: FastifyInstance;
}

/**
 * Builds the reservation API without listening, so `main.ts` decides where each listener binds.
 * Starts the outbox relay (unless disabled) and stops it, and every client, when the public
 * server closes.
 */
export async function buildReservationApi(
  config: ReservationApiConfig,
  dependencies: ReservationApiDependencies,
  logger: Logger,
): Promise<ReservationApiServers> {
  let draining = false;
  const app = createHttpServer(config.server, logger);

  const registry = createMetricsRegistry('reservation-api');
  const metrics = createReservationApiMetrics(registry);
  countDynamoDbCalls(dependencies.aws.dynamodb, (operation) => metrics.dynamodbCalls.inc({ operation }));
  dependencies.inventory.onCircuitChange((state) => {
    metrics.inventoryCircuitOpen.set(state === 'open' ? 1 : 0);
    logger.warn({ state }, 'inventory circuit changed state');
  });
  const ops = registerFastifyOps(app, {
    registry,
    readinessChecks: dependencies.readinessChecks,
    isDraining: () => draining,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Ticketing reservation API', version: '1.0.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await installAuth(app, config.auth);
  await installRateLimit(app, config.rateLimit, dependencies.rateLimitRedis, { registry, circuit: dependencies.redisCircuit });
  const service = new ReservationsService(
    dependencies.inventory,
    dependencies.reservations,
    dependencies.outboxTable,
    { maxActiveHoldsPerUserPerEvent: config.server.maxActiveHoldsPerUserPerEvent },
    logger,
  );
  const settlement = new SettlementService(dependencies.inventory, dependencies.reservations, dependencies.outboxTable);
  const stores = {
    claims: dependencies.claims,
    reservations: dependencies.reservations,
    idempotency: dependencies.idempotency,
    metrics,
  };
  registerReservationRoutes(app, { service, settlement, ...stores });
  const internal = await buildInternalServer(
    { bodyLimitBytes: config.server.bodyLimitBytes, callers: config.internalCallers },
    { settlement, ...stores },
    logger,
  );
  ops.measureRequestsOf(internal);
  const seatMaps = new SeatMapSource(dependencies.inventory, {
    deadlineMs: config.inventory.seatMapDeadlineMs,
    reuseMs: 1_000,
    watchIntervalMs: config.server.seatMapWatchIntervalMs,
    historyDepth: 120,
    idleFeedMs: 30_000,
  });
  await registerEventSeatRoutes(app, seatMaps, { public: config.server.seatMapPublic });

  const relay = startOutboxRelayFromConfig(config.outbox, {
    aws: dependencies.aws,
    resourcePrefix: config.aws.resourcePrefix,
    registry,
    logger,
  });
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onClose', async () => {
    seatMaps.close();
    await internal.close();
    await relay?.stop();
    await dependencies.close();
  });
  return { public: app, internal };
}
