import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPorts } from '../shared/free-ports';
import { PinoLogSummary, type LogSummary } from '../shared/pino-log-summary';
import { serviceBaseEnv, spawnService, type ServiceChild } from '../shared/service-child';

/** How the benchmark runs the reservation API. */
export interface ApiProcessOptions {
  /** The bundle (`dist/apps/reservation-api/main.mjs`, plain node) or `apps/reservation-api/src/main.ts` (through tsx). */
  readonly entry: string;
  readonly region: string;
  readonly dynamodbEndpoint: string;
  /** The SQS + EventBridge emulator (the outbox relay publishes there). */
  readonly awsEmulatorEndpoint: string;
  readonly redisUrl: string;
  readonly resourcePrefix: string;
  readonly inventoryGrpcAddress: string;
  readonly jwtSecret: string;
  readonly jwtAudience: string;
  /**
   * The static token the internal endpoints ask for (the API's static-token fallback); without it
   * they admit anyone, as the benchmarks run in local mode.
   */
  readonly internalToken?: string | undefined;
  /** Per-user rate limiting (Redis-backed, the API's defaults) or none. */
  readonly rateLimit: boolean;
  /** When set, the process writes a V8 CPU profile (`.cpuprofile`) into this directory on exit. */
  readonly cpuProfileDir?: string | undefined;
  /** NODE_OPTIONS of the process, e.g. the production heap settings. */
  readonly nodeOptions?: string | undefined;
}

/** A running reservation API. */
export interface ApiProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** The internal listener (the worker's endpoints). */
  readonly internalBaseUrl: string;
  readonly metricsUrl: string;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set size right now (VmRSS), in MB. */
  rssMb(): Promise<number>;
  /** Restarts the peak (VmHWM := VmRSS); false when the kernel refused. */
  resetPeakRss(): Promise<boolean>;
  /** What it logged so far. */
  logSummary(): LogSummary;
  /** SIGTERM (graceful drain), SIGKILL after 15 s; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the reservation API as its own process, as it runs in production (minus the container):
 * loopback only, the run's fresh tables, dev-hs256 tokens, warnings-only logs, the outbox relay
 * on (it is part of what an API replica does). Resolves once `/ready` answers 200 (its tables and
 * the inventory are reachable).
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const [httpPort, internalHttpPort] = await freeLoopbackPorts(2);
  const service = spawnService(
    options.entry,
    {
      ...serviceBaseEnv(options),
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      SQS_ENDPOINT: options.awsEmulatorEndpoint,
      EVENTBRIDGE_ENDPOINT: options.awsEmulatorEndpoint,
      RESOURCE_PREFIX: options.resourcePrefix,
      HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      INTERNAL_HTTP_PORT: String(internalHttpPort),
      ...(options.internalToken ? { RESERVATION_API_INTERNAL_TOKEN: options.internalToken } : {}),
      INVENTORY_GRPC_ADDRESS: options.inventoryGrpcAddress,
      AUTH_MODE: 'dev-hs256',
      JWT_DEV_SECRET: options.jwtSecret,
      JWT_AUDIENCE: options.jwtAudience,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ENABLED: String(options.rateLimit),
      // Only read when rate limiting counts in Redis; the keys go under the run's prefix.
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.resourcePrefix,
    },
    { killAfterMs: 15_000 },
  );
  let output = '';
  const logs = new PinoLogSummary();
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  service.process.stdout.on('data', keep);
  service.process.stderr.on('data', keep);
  createInterface({ input: service.process.stdout }).on('line', (line) => logs.add(line, parsedJson(line)));
  createInterface({ input: service.process.stderr }).on('line', (line) => logs.add(line));
  const stop = async () => {
    await service.stop();
  };

  const baseUrl = `http://127.0.0.1:${httpPort}`;
  try {
    await untilReady(`${baseUrl}/ready`, service, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid: service.pid,
    baseUrl,
    internalBaseUrl: `http://127.0.0.1:${internalHttpPort}`,
    metricsUrl: `${baseUrl}/metrics`,
    peakRssMb: service.peakRssMb,
    rssMb: service.rssMb,
    resetPeakRss: service.resetPeakRss,
    logSummary: () => logs.summary(),
    stop,
  };
}

/** A log line's JSON, or undefined when it is not JSON (a crash trace, a warning from Node itself). */
function parsedJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function untilReady(url: string, service: ServiceChild, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (service.hasExited()) throw new Error(`the reservation API exited during startup: ${output().trim()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastProblem = `${response.status} ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(200);
  }
  throw new Error(`the reservation API did not become ready at ${url} within ${timeoutMs} ms (${lastProblem}): ${output().trim()}`);
}
