import { reservationWorkerMetrics } from '@ticketing/reservation-worker-config';
import { registerMetrics, type Registry } from '@ticketing/telemetry';

/**
 * Metrics of the reservation worker on a registry, created from their definitions in
 * `@ticketing/reservation-worker-config` (which docs/reference/metrics.md lists).
 */
export function createReservationWorkerMetrics(registry: Registry) {
  return registerMetrics(registry, reservationWorkerMetrics);
}

export type ReservationWorkerMetrics = ReturnType<typeof createReservationWorkerMetrics>;
