import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { localModeCallerAuth } from '@ticketing/testing';
import { memoryFigureMb, resetPeakRss } from '../measure/process-memory';
import { PinoLogSummary, type LogSummary } from '../measure/pino-log-summary';
import type { BenchStandIns } from './bench-stand-ins';

/** A service a benchmark runs as its own process (the inventory, the API, the worker). */
export interface ServiceChild {
  readonly pid: number;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
  /** Peak resident set size so far (VmHWM, or a larger {@link rssMb} read since the last reset), in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set size right now (VmRSS), in MB. */
  rssMb(): Promise<number>;
  /**
   * Restarts the peak (VmHWM := VmRSS, via /proc/<pid>/clear_refs), so a later {@link peakRssMb}
   * covers only what happened since. False when the kernel refused.
   */
  resetPeakRss(): Promise<boolean>;
  /** What it logged at warn level or above so far (its JSON log lines and anything else on stderr). */
  logSummary(): LogSummary;
  /** SIGTERM (graceful drain), SIGKILL after the grace period; resolves with the exit code; safe to call twice. */
  stop(): Promise<number | null>;
}

/** What every benchmarked service is started with. */
export interface ServiceLaunch {
  /** `apps/<app>/src/main.ts` (through tsx) or a bundle (`.mjs`/`.js`, plain node). */
  readonly entry: string;
  readonly standIns: BenchStandIns;
  /** Prefix of the run's tables, queues, bus and Redis keys. */
  readonly prefix: string;
  readonly nodeOptions?: string | undefined;
  /** When set, the process writes a V8 CPU profile (`.cpuprofile`) into this directory on exit. */
  readonly cpuProfileDir?: string | undefined;
}

/** How to run one service. */
export interface ServiceSpec {
  /** Named in errors: `the inventory exited during startup: …`. */
  readonly name: string;
  readonly launch: ServiceLaunch;
  /** The service's own settings, over the common ones (see {@link serviceEnv}). */
  readonly env: Readonly<Record<string, string>>;
  readonly killAfterMs: number;
  /** Called with each JSON log line on stdout (the worker's `event handled` lines are read this way). */
  readonly onLogLine?: (line: Record<string, unknown>) => void;
  /** Polled every 200 ms until it answers true; any string is the reason it is not ready yet. */
  readonly ready: () => Promise<true | string>;
  readonly readyWithinMs?: number;
}

/**
 * Starts a service as its own process, as it runs in production minus the container, and resolves
 * once `spec.ready` says so; on a failed start it is stopped and the error quotes its last output.
 */
export async function startServiceChild(spec: ServiceSpec): Promise<ServiceChild> {
  const { entry } = spec.launch;
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, entry], { env: serviceEnv(spec), stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid ?? -1;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const logs = new PinoLogSummary();
  let tail = '';
  const keep = (text: string) => (tail = `${tail}${text}\n`.slice(-4_000));
  createInterface({ input: child.stdout }).on('line', (text) => {
    keep(text);
    const line = parsedJson(text);
    logs.add(text, line);
    if (line) spec.onLogLine?.(line);
  });
  createInterface({ input: child.stderr }).on('line', (text) => {
    keep(text);
    logs.add(text);
  });

  let stopping: Promise<number | null> | undefined;
  // The kernel raises VmHWM lazily (on unmap and exit): it can read below a VmRSS read earlier.
  let largestRssRead = 0;
  const service: ServiceChild = {
    pid,
    exited,
    hasExited,
    peakRssMb: async () => Math.max(await memoryFigureMb(pid, 'VmHWM'), largestRssRead),
    rssMb: async () => {
      const rss = await memoryFigureMb(pid, 'VmRSS');
      largestRssRead = Math.max(largestRssRead, rss);
      return rss;
    },
    resetPeakRss: async () => {
      largestRssRead = 0;
      return resetPeakRss(pid);
    },
    logSummary: () => logs.summary(),
    stop: () =>
      (stopping ??= (async () => {
        if (hasExited()) return child.exitCode;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), spec.killAfterMs);
        const code = await exited;
        clearTimeout(killer);
        return code;
      })()),
  };

  const readyWithinMs = spec.readyWithinMs ?? 60_000;
  const deadline = Date.now() + readyWithinMs;
  let notReady = 'no answer yet';
  for (;;) {
    if (hasExited()) {
      await service.stop();
      throw new Error(`the ${spec.name} exited during startup: ${tail.trim()}`);
    }
    const answer = await spec.ready().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (answer === true) return service;
    notReady = answer;
    if (Date.now() >= deadline) break;
    await sleep(200);
  }
  await service.stop();
  throw new Error(`the ${spec.name} was not ready within ${readyWithinMs} ms (${notReady}): ${tail.trim()}`);
}

/**
 * PATH and HOME only from this environment; the region with dummy credentials (the stand-ins take
 * any), the stand-ins' endpoints and the run's prefix; loopback only; local-mode caller auth;
 * NODE_OPTIONS (a CPU profile when asked for, plus `nodeOptions`); then the service's own settings.
 */
function serviceEnv({ launch, env }: ServiceSpec): Record<string, string> {
  const { standIns } = launch;
  const nodeOptions = [
    ...(launch.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${launch.cpuProfileDir}`] : []),
    ...(launch.nodeOptions ? [launch.nodeOptions] : []),
  ];
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    AWS_REGION: standIns.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: standIns.dynamodbEndpoint,
    SQS_ENDPOINT: standIns.awsEmulatorEndpoint,
    EVENTBRIDGE_ENDPOINT: standIns.awsEmulatorEndpoint,
    REDIS_URL: standIns.redisUrl,
    RESOURCE_PREFIX: launch.prefix,
    HOST: '127.0.0.1',
    ...localModeCallerAuth,
    ...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
    ...env,
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

/** Answers true once `url` answers 2xx, else what it answered. */
export async function httpReady(url: string): Promise<true | string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return response.ok ? true : `${response.status} ${(await response.text()).slice(0, 300)}`;
}

/**
 * NODE_OPTIONS the README recommends for every service's pods with a 256 MB memory limit: a capped
 * old generation (V8 otherwise lets garbage grow towards its 4 GB default on a big machine) and a
 * small young generation, so the cap does not turn into back-to-back full collections.
 */
export const productionNodeOptions = '--max-old-space-size=128 --max-semi-space-size=4';
