import { checkGrpcHealth } from '@ticketing/testing';
import { freeLoopbackPorts } from './free-ports';
import { startServiceChild, type ServiceChild, type ServiceLaunch } from './service-child';

/** The fully qualified service name the inventory reports in grpc.health.v1. */
const inventoryServiceName = 'ticketing.inventory.v1.InventoryService';

/** A running inventory. */
export interface InventoryService extends ServiceChild {
  readonly grpcAddress: string;
  readonly metricsUrl: string;
}

/**
 * Starts the inventory: the run's tables and Redis keys, warnings-only logs, the
 * sweeper and the dependency re-checks slowed to their maximum so they add no DynamoDB calls to
 * the measurements. Resolves once its grpc.health.v1 status is SERVING.
 */
export async function startInventoryService(launch: ServiceLaunch, options: { readonly adminToken: string }): Promise<InventoryService> {
  const [grpcPort, httpPort] = await freeLoopbackPorts(2);
  const grpcAddress = `127.0.0.1:${grpcPort}`;
  const service = await startServiceChild({
    name: 'inventory',
    launch,
    killAfterMs: 15_000,
    env: {
      REDIS_KEY_PREFIX: launch.prefix,
      GRPC_PORT: String(grpcPort),
      HTTP_PORT: String(httpPort),
      INVENTORY_ADMIN_TOKEN: options.adminToken,
      LOG_LEVEL: 'warn',
      SWEEPER_INTERVAL_MS: '3600000',
      HEALTH_CHECK_INTERVAL_MS: '60000',
    },
    ready: async () => {
      const status = await checkGrpcHealth(grpcAddress, inventoryServiceName, 1_000);
      return status === 'SERVING' ? true : `health status ${status}`;
    },
  });
  return { ...service, grpcAddress, metricsUrl: `http://127.0.0.1:${httpPort}/metrics` };
}
