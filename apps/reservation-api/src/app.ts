import { createMetricsRegistry, type Logger } from '@ticketing/telemetry';
import { registerFastifyOps } from '@ticketing/telemetry/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ReservationApiConfig } from './config';
import type { ReservationApiDependencies } from './dependencies';
import { installErrorHandler } from './error-handler';

/**
 * Builds the reservation API without listening, so tests drive it with `app.inject()` and
 * `main.ts` decides where it listens.
 */
export async function buildReservationApi(
  _config: ReservationApiConfig,
  dependencies: ReservationApiDependencies,
  logger: Logger,
): Promise<FastifyInstance> {
  let draining = false;
  const app = Fastify({
    // Fastify types its logger as FastifyBaseLogger, which pino's Logger implements.
    loggerInstance: logger as FastifyBaseLogger,
    // Clients may send their own id for correlation; otherwise one is generated.
    requestIdHeader: 'x-request-id',
    disableRequestLogging: false,
  });
  installErrorHandler(app);
  registerFastifyOps(app, {
    registry: createMetricsRegistry('reservation-api'),
    readinessChecks: dependencies.readinessChecks,
    isDraining: () => draining,
  });
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onClose', async () => dependencies.close());
  return app;
}
