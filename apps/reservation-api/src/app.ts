import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createMetricsRegistry, Gauge, type Logger } from '@ticketing/telemetry';
import { registerFastifyOps } from '@ticketing/telemetry/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { installAuth } from './auth';
import type { ReservationApiConfig } from './config';
import type { ReservationApiDependencies } from './dependencies';
import { installErrorHandler } from './error-handler';
import { registerEventSeatRoutes } from './http/event-seats.routes';
import { registerInternalRoutes } from './http/internal.routes';
import { installRateLimit } from './http/rate-limit';
import { registerReservationRoutes } from './http/reservations.routes';
import { startOutboxRelayFromConfig } from './outbox/outbox-relay.factory';
import { createReservationApiMetrics } from './reservation-api.metrics';
import { ReservationsService } from './reservations/reservations.service';
import { SettlementService } from './reservations/settlement.service';

/**
 * Builds the reservation API without listening, so tests drive it with `app.inject()` and
 * `main.ts` decides where it listens. Starts the outbox relay (unless disabled) and stops it, and
 * every client, when the app closes.
 */
export async function buildReservationApi(
  config: ReservationApiConfig,
  dependencies: ReservationApiDependencies,
  logger: Logger,
): Promise<FastifyInstance> {
  let draining = false;
  const app = Fastify({
    // Fastify types its logger as FastifyBaseLogger, which pino's Logger implements.
    loggerInstance: logger as FastifyBaseLogger,
    requestIdHeader: 'x-request-id',
    bodyLimit: config.server.bodyLimitBytes,
    ajv: {
      // Unknown fields are refused (not silently dropped), and "3" is not a number.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
    },
  });
  installErrorHandler(app);

  const registry = createMetricsRegistry('reservation-api');
  const circuit = new Gauge({
    name: 'reservation_api_inventory_circuit_open',
    help: '1 while the circuit breaker in front of the inventory is open.',
    registers: [registry],
  });
  dependencies.inventory.onCircuitChange((state) => {
    circuit.set(state === 'open' ? 1 : 0);
    logger.warn({ state }, 'inventory circuit changed state');
  });
  registerFastifyOps(app, {
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
  await installRateLimit(app, config.rateLimit, dependencies.rateLimitRedis, { registry });
  const service = new ReservationsService(
    dependencies.inventory,
    dependencies.reservations,
    dependencies.outboxTable,
    { maxActiveHoldsPerUserPerEvent: config.server.maxActiveHoldsPerUserPerEvent },
    logger,
  );
  const settlement = new SettlementService(dependencies.inventory, dependencies.reservations, dependencies.outboxTable);
  const stores = {
    reservations: dependencies.reservations,
    idempotency: dependencies.idempotency,
    metrics: createReservationApiMetrics(registry),
  };
  registerReservationRoutes(app, { service, settlement, ...stores });
  registerInternalRoutes(app, { settlement, ...stores });
  registerEventSeatRoutes(app, dependencies.inventory, {
    public: config.server.seatMapPublic,
    deadlineMs: config.inventory.seatMapDeadlineMs,
  });

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
    await relay?.stop();
    await dependencies.close();
  });
  return app;
}
