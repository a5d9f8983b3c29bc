import swagger from '@fastify/swagger';
import type { Logger } from '@ticketing/telemetry';
import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../http-server';
import type { IdempotentStores } from '../http/idempotent-route';
import type { ReservationApiMetrics } from '../reservation-api.metrics';
import type { SettlementService } from '../reservations/settlement.service';
import { internalCallerGuard } from './internal-caller.guard';
import type { InternalCallerAuth } from '@ticketing/reservation-api-config';
import { registerInternalRoutes } from './internal.routes';

/**
 * The internal listener: the worker's endpoints and their OpenAPI document (`GET /openapi.json`),
 * nothing else. It has a port of its own so that the public Service and Ingress never route to it
 * and a NetworkPolicy can admit only the worker's pods; each route still authenticates its caller.
 */
export async function buildInternalServer(
  options: { readonly bodyLimitBytes: number; readonly callers: InternalCallerAuth },
  dependencies: IdempotentStores & {
    readonly settlement: SettlementService;
    readonly metrics: ReservationApiMetrics;
  },
  logger: Logger,
): Promise<FastifyInstance> {
  const app = createHttpServer(options, logger.child({ listener: 'internal' }));
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Ticketing reservation API: internal endpoints (reservation worker only)', version: '1.0.0' },
      components: { securitySchemes: { serviceAccount: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ serviceAccount: [] }],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Set by the caller guard of each route: the service account is the scope of its Idempotency-Keys.
  app.decorateRequest('user', null, []);
  registerInternalRoutes(app, { ...dependencies, guard: internalCallerGuard(options.callers, logger) });
  return app;
}
