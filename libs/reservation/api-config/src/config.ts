import {
  awsConfig,
  choiceVariable,
  defineConfigPiece,
  lifecycleConfig,
  loadConfig,
  millisecondsVariable,
  observabilityConfig,
  portVariable,
  redisConfig,
} from '@ticketing/config';
import Type from 'typebox';
import { authConfig } from './auth.config';
import { rateLimitConfig } from './rate-limit.config';
import { internalCallersConfig } from './internal-callers.config';
import { inventoryClientConfig } from './inventory.config';
import { outboxRelayConfig } from './outbox.config';

const apiServerConfig = defineConfigPiece(
  {
    HTTP_PORT: portVariable(3000, 'HTTP port of the REST API, /health, /ready and /metrics'),
    INTERNAL_HTTP_PORT: portVariable(
      3002,
      "HTTP port of the internal endpoints (the reservation worker's); keep it off the public Service and Ingress",
    ),
    HTTP_BODY_LIMIT_BYTES: Type.Integer({
      minimum: 1_024,
      maximum: 1_048_576,
      default: 16_384,
      description: 'largest request body accepted (larger: 400 before parsing)',
    }),
    SEAT_MAP_PUBLIC: Type.Boolean({ default: false, description: 'serve GET /v1/events/{id}/seats (and its stream) without a token' }),
    SEAT_MAP_WATCH_INTERVAL_MS: millisecondsVariable(
      500,
      10_000,
      "how often a watched event's seat map is read for changes (one reading per event and replica, however many watch)",
    ),
    IDEMPOTENCY_TTL_MS: millisecondsVariable(86_400_000, 604_800_000, 'how long an Idempotency-Key and its answer are kept'),
    IDEMPOTENCY_CLAIMS: choiceVariable(
      ['redis', 'table'],
      'redis',
      'where a running request claims its Idempotency-Key: redis (REDIS_*; a request refused without writing, e.g. seats taken, costs DynamoDB nothing; falls back to the table while Redis fails) or table (one conditional put per request)',
    ),
    MAX_ACTIVE_HOLDS_PER_USER_PER_EVENT: Type.Integer({
      minimum: 1,
      maximum: 20,
      default: 2,
      description: 'reservations one user may hold at once for one event (more: 429 TOO_MANY_HOLDS)',
    }),
  },
  (env) => ({
    httpPort: env.HTTP_PORT,
    internalHttpPort: env.INTERNAL_HTTP_PORT,
    bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
    seatMapPublic: env.SEAT_MAP_PUBLIC,
    seatMapWatchIntervalMs: env.SEAT_MAP_WATCH_INTERVAL_MS,
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_MS,
    idempotencyClaims: env.IDEMPOTENCY_CLAIMS,
    maxActiveHoldsPerUserPerEvent: env.MAX_ACTIVE_HOLDS_PER_USER_PER_EVENT,
  }),
);

/** Every configuration piece the service reads; docs/reference/configuration.md is generated from it. */
export const reservationApiConfigPieces = {
  server: apiServerConfig,
  auth: authConfig,
  internalCallers: internalCallersConfig,
  inventory: inventoryClientConfig,
  outbox: outboxRelayConfig,
  rateLimit: rateLimitConfig,
  redis: redisConfig,
  lifecycle: lifecycleConfig,
  observability: observabilityConfig,
  aws: awsConfig,
};

/**
 * Reads and validates the reservation API's configuration. The only place that reads the
 * environment; fails at boot naming every bad variable.
 */
export function loadReservationApiConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(reservationApiConfigPieces, env);
}

export type ReservationApiConfig = ReturnType<typeof loadReservationApiConfig>;
