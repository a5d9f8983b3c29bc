import {
  awsConfig,
  defineConfigPiece,
  lifecycleConfig,
  loadConfig,
  observabilityConfig,
  portVariable,
} from '@ticketing/config';
import Type from 'typebox';

const apiServerConfig = defineConfigPiece(
  {
    HTTP_PORT: portVariable(3000, 'HTTP port of the REST API, /health, /ready and /metrics'),
    INVENTORY_GRPC_ADDRESS: Type.String({
      pattern: '^[^\\s:]+:\\d+$',
      default: '127.0.0.1:50051',
      description: 'host:port of the inventory gRPC service',
    }),
  },
  (env) => ({ httpPort: env.HTTP_PORT, inventoryAddress: env.INVENTORY_GRPC_ADDRESS }),
);

/** Every configuration piece the service reads; the README's configuration table is generated from it. */
export const reservationApiConfigPieces = {
  server: apiServerConfig,
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
