import { checkGrpcHealth } from '@ticketing/testing';
import { freeLoopbackPorts } from './free-ports';
import { startServiceChild, type ServiceChild } from './service-child';

/** The fully qualified service name the inventory reports in grpc.health.v1. */
const inventoryServiceName = 'ticketing.inventory.v1.InventoryService';

/** How the benchmark runs the inventory. */
export interface InventoryServiceOptions {
  /** `apps/inventory/src/main.ts` (through tsx), or a built `.js`/`.mjs` (plain node). */
  readonly entry: string;
  readonly region: string;
  readonly dynamodbEndpoint: string;
  readonly redisUrl: string;
  /** Prefix of its tables and of its Redis keys. */
  readonly prefix: string;
  readonly adminToken: string;
  readonly cpuProfileDir?: string | undefined;
  readonly nodeOptions?: string | undefined;
}

/** A running inventory. */
export interface InventoryService extends ServiceChild {
  readonly grpcAddress: string;
  readonly metricsUrl: string;
}

/**
 * Starts the inventory: loopback only, the run's tables and Redis keys, warnings-only logs, the
 * sweeper and the dependency re-checks slowed to their maximum so they add no DynamoDB calls to
 * the measurements. Resolves once its grpc.health.v1 status is SERVING.
 */
export async function startInventoryService(options: InventoryServiceOptions): Promise<InventoryService> {
  const [grpcPort, httpPort] = await freeLoopbackPorts(2);
  const grpcAddress = `127.0.0.1:${grpcPort}`;
  const service = await startServiceChild({
    name: 'inventory',
    entry: options.entry,
    region: options.region,
    nodeOptions: options.nodeOptions,
    cpuProfileDir: options.cpuProfileDir,
    killAfterMs: 15_000,
    env: {
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.prefix,
      RESOURCE_PREFIX: options.prefix,
      HOST: '127.0.0.1',
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
