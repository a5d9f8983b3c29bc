import {
  awsConfig,
  defineConfigPiece,
  lifecycleConfig,
  loadConfig,
  millisecondsVariable,
  observabilityConfig,
  portVariable,
  redisConfig,
} from '@ticketing/config';

const inventoryServerConfig = defineConfigPiece(
  {
    GRPC_PORT: portVariable(50051, 'gRPC port serving InventoryService, grpc.health.v1 and reflection'),
    HTTP_PORT: portVariable(8081, 'HTTP port serving /health, /ready and /metrics'),
    HEALTH_CHECK_INTERVAL_MS: millisecondsVariable(
      5_000,
      60_000,
      'how often dependencies are re-checked to set the grpc.health.v1 serving status',
    ),
  },
  (env) => ({
    grpcPort: env.GRPC_PORT,
    httpPort: env.HTTP_PORT,
    healthCheckIntervalMs: env.HEALTH_CHECK_INTERVAL_MS,
  }),
);

/** Every configuration piece the service reads; the README's configuration table is generated from it. */
export const inventoryConfigPieces = {
  server: inventoryServerConfig,
  lifecycle: lifecycleConfig,
  observability: observabilityConfig,
  aws: awsConfig,
  redis: redisConfig,
};

/**
 * Reads and validates the inventory service's configuration. The only place that reads the
 * environment; fails at boot naming every bad variable.
 */
export function loadInventoryConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(inventoryConfigPieces, env);
}

export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;
