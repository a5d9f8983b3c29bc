import { reservationApiMetrics } from '@ticketing/reservation-api-config';
import { registerMetrics, type Registry } from '@ticketing/telemetry';

/**
 * Business metrics of the reservation API on a registry, created from their definitions in
 * `@ticketing/reservation-api-config` (which docs/reference/metrics.md lists).
 */
export function createReservationApiMetrics(registry: Registry) {
  return registerMetrics(registry, reservationApiMetrics);
}

export type ReservationApiMetrics = ReturnType<typeof createReservationApiMetrics>;
