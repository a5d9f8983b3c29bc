import {
  awsConfig,
  defineConfigPiece,
  lifecycleConfig,
  loadConfig,
  observabilityConfig,
  portVariable,
} from '@ticketing/config';

const workerServerConfig = defineConfigPiece(
  { HTTP_PORT: portVariable(3001, 'HTTP port serving /health, /ready and /metrics') },
  (env) => ({ httpPort: env.HTTP_PORT }),
);

/** Every configuration piece the service reads; the README's configuration table is generated from it. */
export const reservationWorkerConfigPieces = {
  server: workerServerConfig,
  lifecycle: lifecycleConfig,
  observability: observabilityConfig,
  aws: awsConfig,
};

/**
 * Reads and validates the reservation worker's configuration. The only place that reads the
 * environment; fails at boot naming every bad variable.
 */
export function loadReservationWorkerConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(reservationWorkerConfigPieces, env);
}

export type ReservationWorkerConfig = ReturnType<typeof loadReservationWorkerConfig>;
