import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { loadInventoryPackageDefinition } from '@ticketing/inventory-contract';
import { createMetricsRegistry, type Logger } from '@ticketing/telemetry';
import { startOpsServer } from '@ticketing/telemetry/ops-server';
import { HealthImplementation } from 'grpc-health-check';
import type { InventoryConfig } from './config';
import { connectInventoryDependencies } from './dependencies';
import { monitorServingStatus } from './serving-status.monitor';

/** The fully qualified service name grpc.health.v1 reports on, besides the server-wide "". */
export const inventoryServiceName = 'ticketing.inventory.v1.InventoryService';

/** A listening inventory service. */
export interface InventoryApp {
  readonly grpcPort: number;
  readonly httpPort: number;
  /**
   * Graceful stop: health goes NOT_SERVING, in-flight RPCs finish (new ones are refused), then
   * connections close. Bounded by the caller's shutdown deadline.
   */
  close(): Promise<void>;
}

/**
 * Starts the inventory service: gRPC (grpc.health.v1, reflection, and — from the inventory issue
 * on — InventoryService) plus the HTTP operations endpoint.
 */
export async function startInventoryApp(config: InventoryConfig, logger: Logger): Promise<InventoryApp> {
  const dependencies = connectInventoryDependencies(config);
  const registry = createMetricsRegistry('inventory');

  const health = new HealthImplementation({ '': 'NOT_SERVING', [inventoryServiceName]: 'NOT_SERVING' });
  const setServing = (serving: boolean) => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    health.setStatus(inventoryServiceName, status);
  };

  const server = new Server();
  health.addToServer(server);
  new ReflectionService(loadInventoryPackageDefinition()).addToServer(server);

  const grpcPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${config.lifecycle.host}:${config.server.grpcPort}`,
      ServerCredentials.createInsecure(),
      (error, port) => (error ? reject(error) : resolve(port)),
    ),
  );
  const ops = await startOpsServer({
    host: config.lifecycle.host,
    port: config.server.httpPort,
    registry,
    readinessChecks: dependencies.readinessChecks,
    logger,
  });

  const monitor = monitorServingStatus({
    checks: dependencies.readinessChecks,
    intervalMs: config.server.healthCheckIntervalMs,
    timeoutMs: 1_000,
    logger,
    onChange: setServing,
  });
  await monitor.refresh();
  logger.info({ grpc_port: grpcPort, http_port: ops.port }, 'inventory listening');

  return {
    grpcPort,
    httpPort: ops.port,
    close: async () => {
      monitor.stop();
      setServing(false);
      ops.markDraining();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await ops.close();
      await dependencies.close();
    },
  };
}
