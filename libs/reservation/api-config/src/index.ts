/**
 * The reservation API's operating surface: its configuration pieces (for the docs and the charts),
 * the loader and the types, and its metric definitions (for the app and the docs).
 */
export { authConfig, devTokenIssuer, type AuthConfig, type DevHs256AuthConfig, type JwksAuthConfig } from './auth.config';
export { loadReservationApiConfig, reservationApiConfigPieces, type ReservationApiConfig } from './config';
export { internalCallersConfig, type InternalCallerAuth } from './internal-callers.config';
export { outboxRelayConfig, type OutboxRelayConfig } from './outbox.config';
export { rateLimitConfig, type RateLimitSettings } from './rate-limit.config';
export { outboxRelayMetrics, rateLimitMetrics, reservationApiMetricDefinitions, reservationApiMetrics } from './metrics';
