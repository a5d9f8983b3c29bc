import { setTimeout as sleep } from 'node:timers/promises';
import { checkGrpcHealth } from '@ticketing/testing';
import { freeLoopbackPorts } from '../shared/free-ports';
import { serviceBaseEnv, spawnService, type ServiceChild } from '../shared/service-child';

/** The fully qualified service name the inventory reports in grpc.health.v1. */
const inventoryServiceName = 'ticketing.inventory.v1.InventoryService';

/** How the benchmark runs the inventory. */
export interface InventoryProcessOptions {
  /** The file to run: `apps/inventory/src/main.ts` (through tsx), or a built `.js`/`.mjs` (plain node). */
  readonly entry: string;
  readonly region: string;
  readonly dynamodbEndpoint: string;
  readonly redisUrl: string;
  readonly resourcePrefix: string;
  readonly redisKeyPrefix: string;
  readonly adminToken: string;
  /** When set, the process writes a V8 CPU profile (`.cpuprofile`) into this directory on exit. */
  readonly cpuProfileDir?: string | undefined;
  /** Extra Node.js options for the process (NODE_OPTIONS), e.g. `--max-old-space-size=128`. */
  readonly nodeOptions?: string | undefined;
}

/** A running inventory process. */
export interface InventoryProcess {
  readonly pid: number;
  readonly grpcAddress: string;
  readonly metricsUrl: string;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set size right now (VmRSS), in MB. */
  rssMb(): Promise<number>;
  /**
   * Restarts the peak (VmHWM := VmRSS, via /proc/<pid>/clear_refs), so a later {@link peakRssMb}
   * covers only what happened since. False when the kernel refused.
   */
  resetPeakRss(): Promise<boolean>;
  /** SIGTERM (graceful drain), SIGKILL after 15 s; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the inventory as its own process, as it runs in production (minus the container):
 * loopback only, fresh tables and Redis keys, warnings-only logs, the sweeper and the dependency
 * re-checks slowed to their maximum so they add no DynamoDB calls to the measurements. Resolves
 * once its grpc.health.v1 status is SERVING.
 */
export async function startInventoryProcess(options: InventoryProcessOptions): Promise<InventoryProcess> {
  const [grpcPort, httpPort] = await freeLoopbackPorts(2);
  const service = spawnService(
    options.entry,
    {
      ...serviceBaseEnv(options),
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.redisKeyPrefix,
      RESOURCE_PREFIX: options.resourcePrefix,
      HOST: '127.0.0.1',
      GRPC_PORT: String(grpcPort),
      HTTP_PORT: String(httpPort),
      INVENTORY_ADMIN_TOKEN: options.adminToken,
      LOG_LEVEL: 'warn',
      SWEEPER_INTERVAL_MS: '3600000',
      HEALTH_CHECK_INTERVAL_MS: '60000',
    },
    { killAfterMs: 15_000 },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  service.process.stdout.on('data', keep);
  service.process.stderr.on('data', keep);
  const stop = async () => {
    await service.stop();
  };

  const grpcAddress = `127.0.0.1:${grpcPort}`;
  try {
    await untilServing(grpcAddress, service, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid: service.pid,
    grpcAddress,
    metricsUrl: `http://127.0.0.1:${httpPort}/metrics`,
    peakRssMb: service.peakRssMb,
    rssMb: service.rssMb,
    resetPeakRss: service.resetPeakRss,
    stop,
  };
}

async function untilServing(address: string, service: ServiceChild, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (service.hasExited()) throw new Error(`the inventory process exited during startup: ${output().trim()}`);
    const status = await checkGrpcHealth(address, inventoryServiceName, 1_000).catch((error: unknown) => {
      lastProblem = error instanceof Error ? error.message : String(error);
      return undefined;
    });
    if (status === 'SERVING') return;
    if (status !== undefined) lastProblem = `health status ${status}`;
    await sleep(200);
  }
  throw new Error(`the inventory process did not become SERVING on ${address} within ${timeoutMs} ms (${lastProblem}): ${output().trim()}`);
}
