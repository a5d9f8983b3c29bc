import { Counter, type Registry } from '@ticketing/telemetry';

/**
 * Business metrics of the reservation API. Labels are low-cardinality by construction: the
 * operation and an outcome word or error code — never a user, event or reservation id.
 */
export function createReservationApiMetrics(registry: Registry) {
  const registers = [registry];
  return {
    reservations: new Counter({
      name: 'reservation_api_reservations_total',
      help: 'Reservation operations by outcome (ok, replayed, or the error code).',
      labelNames: ['operation', 'outcome'] as const,
      registers,
    }),
    idempotency: new Counter({
      name: 'reservation_api_idempotency_total',
      help: 'Idempotency-Key handling: executed, replayed, conflict (other body), in_flight, missing.',
      labelNames: ['result'] as const,
      registers,
    }),
  };
}

export type ReservationApiMetrics = ReturnType<typeof createReservationApiMetrics>;
