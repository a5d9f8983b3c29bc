import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPorts } from '../shared/free-ports';
import { memoryFigureMb, resetPeakRss } from '../shared/process-memory';

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
  /** Per-user rate limiting (Redis-backed, the API's defaults) or none. */
  readonly rateLimit: boolean;
  /** When set, the process writes a V8 CPU profile (`.cpuprofile`) into this directory on exit. */
  readonly cpuProfileDir?: string | undefined;
  /** NODE_OPTIONS of the process, e.g. the production heap settings. */
  readonly nodeOptions?: string | undefined;
}

/** Log lines of the API at warn level or above (it runs with LOG_LEVEL=warn), counted by message. */
export interface ApiLogSummary {
  readonly warnings: number;
  readonly errors: number;
  /** The first few distinct messages, with how often each came. */
  readonly messages: Readonly<Record<string, number>>;
}

/** A running reservation API. */
export interface ApiProcess {
  readonly pid: number;
  readonly baseUrl: string;
  readonly metricsUrl: string;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set size right now (VmRSS), in MB. */
  rssMb(): Promise<number>;
  /** Restarts the peak (VmHWM := VmRSS); false when the kernel refused. */
  resetPeakRss(): Promise<boolean>;
  /** What it logged so far. */
  logSummary(): ApiLogSummary;
  /** SIGTERM (graceful drain), SIGKILL after 15 s; safe to call twice. */
  stop(): Promise<void>;
}

const distinctMessagesKept = 10;

/**
 * Starts the reservation API as its own process, as it runs in production (minus the container):
 * loopback only, the run's fresh tables, dev-hs256 tokens, warnings-only logs, the outbox relay
 * on (it is part of what an API replica does). Resolves once `/ready` answers 200 (its tables and
 * the inventory are reachable).
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const [httpPort] = await freeLoopbackPorts(1);
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
    SQS_ENDPOINT: options.awsEmulatorEndpoint,
    EVENTBRIDGE_ENDPOINT: options.awsEmulatorEndpoint,
    RESOURCE_PREFIX: options.resourcePrefix,
    HOST: '127.0.0.1',
    HTTP_PORT: String(httpPort),
    INVENTORY_GRPC_ADDRESS: options.inventoryGrpcAddress,
    AUTH_MODE: 'dev-hs256',
    JWT_DEV_SECRET: options.jwtSecret,
    JWT_AUDIENCE: options.jwtAudience,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ENABLED: String(options.rateLimit),
    // Only read when rate limiting counts in Redis; the keys go under the run's prefix.
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.resourcePrefix,
    ...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
  };
  const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, options.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let pending = '';
  const logs = { warnings: 0, errors: 0, messages: {} as Record<string, number> };
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-4_000);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) countLogLine(line, logs);
  };
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

  const baseUrl = `http://127.0.0.1:${httpPort}`;
  try {
    await untilReady(`${baseUrl}/ready`, exited, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid,
    baseUrl,
    metricsUrl: `${baseUrl}/metrics`,
    peakRssMb: () => memoryFigureMb(pid, 'VmHWM'),
    rssMb: () => memoryFigureMb(pid, 'VmRSS'),
    resetPeakRss: () => resetPeakRss(pid),
    logSummary: () => ({ warnings: logs.warnings, errors: logs.errors, messages: { ...logs.messages } }),
    stop,
  };
}

const levelNumbers: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * Counts one pino JSON line (level `warn`/40, `error`/50, `fatal`/60: the logger writes labels);
 * anything else on the streams (a crash trace, a warning from Node itself) counts as an error.
 */
function countLogLine(line: string, logs: { warnings: number; errors: number; messages: Record<string, number> }): void {
  if (line.trim() === '') return;
  let level = 50;
  let message = line.slice(0, 200);
  try {
    const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown; err?: { message?: unknown } };
    if (typeof parsed.level === 'number') level = parsed.level;
    else if (typeof parsed.level === 'string') level = levelNumbers[parsed.level] ?? level;
    if (typeof parsed.msg === 'string') message = parsed.msg;
    if (typeof parsed.err?.message === 'string') message += `: ${parsed.err.message.slice(0, 160)}`;
  } catch {
    // not JSON: a crash trace or a warning from Node itself
  }
  if (level >= 50) logs.errors += 1;
  else if (level >= 40) logs.warnings += 1;
  else return;
  // Numbers vary per line ("Deadline exceeded after 0.252s", ports): group the lines without them.
  message = message.replaceAll(/\b\d+(\.\d+)*/g, '#');
  if (message in logs.messages || Object.keys(logs.messages).length < distinctMessagesKept) {
    logs.messages[message] = (logs.messages[message] ?? 0) + 1;
  }
}

async function untilReady(url: string, exited: Promise<void>, output: () => string, timeoutMs: number): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`the reservation API exited during startup: ${output().trim()}`);
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
