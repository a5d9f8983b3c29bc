import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkGrpcHealth } from '@ticketing/testing';
import { freeLoopbackPorts } from '../shared/free-ports';
import { memoryFigureMb, resetPeakRss } from '../shared/process-memory';

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
  const nodeOptions = [
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ...(options.nodeOptions ? [options.nodeOptions] : []),
  ];
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    AWS_REGION: options.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
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
    ...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
  };
  const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, options.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid ?? -1;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    })());

  const grpcAddress = `127.0.0.1:${grpcPort}`;
  try {
    await untilServing(grpcAddress, exited, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid,
    grpcAddress,
    metricsUrl: `http://127.0.0.1:${httpPort}/metrics`,
    peakRssMb: () => memoryFigureMb(pid, 'VmHWM'),
    rssMb: () => memoryFigureMb(pid, 'VmRSS'),
    resetPeakRss: () => resetPeakRss(pid),
    stop,
  };
}

async function untilServing(address: string, exited: Promise<void>, output: () => string, timeoutMs: number): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`the inventory process exited during startup: ${output().trim()}`);
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
