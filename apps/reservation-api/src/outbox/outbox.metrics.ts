import { outboxRelayMetrics } from '@ticketing/reservation-api-config';
import { registerMetrics, type Registry } from '@ticketing/telemetry';

/**
 * The outbox relay's metrics on a registry, created from their definitions in
 * `@ticketing/reservation-api-config` (which docs/reference/metrics.md lists). Create once per
 * registry and share between relays of one process (prom-client refuses a second metric of the
 * same name on a registry).
 */
export function createOutboxMetrics(registry: Registry) {
  return registerMetrics(registry, outboxRelayMetrics);
}

/** The relay's metrics, as {@link createOutboxMetrics} builds them. */
export type OutboxMetrics = ReturnType<typeof createOutboxMetrics>;
