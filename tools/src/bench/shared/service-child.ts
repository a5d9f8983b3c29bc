import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { memoryFigureMb, resetPeakRss } from './process-memory';
import { localModeCallerAuth } from '@ticketing/testing';

/** A service a benchmark runs as its own process. */
export interface ServiceChild {
  readonly process: ChildProcessByStdio<null, Readable, Readable>;
  readonly pid: number;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
  /** Peak resident set size so far (VmHWM, or a larger {@link rssMb} read since the last reset), in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set size right now (VmRSS), in MB. */
  rssMb(): Promise<number>;
  /** Starts the peak afresh from now (see {@link resetPeakRss}); false when the kernel refused. */
  resetPeakRss(): Promise<boolean>;
  /** SIGTERM (graceful drain), SIGKILL after the grace period; resolves with the exit code; safe to call twice. */
  stop(): Promise<number | null>;
}

/**
 * What every service process of a benchmark gets: PATH and HOME only from this environment, the
 * region with dummy credentials (the stand-ins take any), and NODE_OPTIONS — a V8 CPU profile
 * into `cpuProfileDir` when asked for, plus `nodeOptions`.
 */
export function serviceBaseEnv(options: {
  readonly region: string;
  readonly nodeOptions?: string | undefined;
  readonly cpuProfileDir?: string | undefined;
}): Record<string, string> {
  const nodeOptions = [
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ...(options.nodeOptions ? [options.nodeOptions] : []),
  ];
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    AWS_REGION: options.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...localModeCallerAuth,
    ...(nodeOptions.length > 0 ? { NODE_OPTIONS: nodeOptions.join(' ') } : {}),
  };
}

/**
 * Runs `entry` with this Node.js — a `.ts` source through tsx, a built `.mjs`/`.js` as is — with
 * exactly `env`, its output piped for the caller to read.
 */
export function spawnService(entry: string, env: Record<string, string>, options: { readonly killAfterMs: number }): ServiceChild {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid ?? -1;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  let stopping: Promise<number | null> | undefined;
  // The kernel raises VmHWM lazily (on unmap and exit): it can read below a VmRSS read earlier.
  let largestRssRead = 0;
  return {
    process: child,
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
    stop: () =>
      (stopping ??= (async () => {
        if (hasExited()) return child.exitCode;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
        const code = await exited;
        clearTimeout(killer);
        return code;
      })()),
  };
}
