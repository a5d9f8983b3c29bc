import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { round } from '../numbers';

/** Kernel clock ticks per second, the unit of /proc CPU times (100 on every common Linux). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU use over one stretch of time. */
export interface CpuUse {
  readonly wallSeconds: number;
  /** Busy share of the whole machine (all cores), in % (100 = every core busy). */
  readonly machineBusyPercent: number;
  /** CPU time of each named process, in % of ONE core (200 = two cores' worth); absent when it could not be read. */
  readonly processPercentOfCore: Readonly<Record<string, number>>;
  /** CPU seconds each named process used. */
  readonly processCpuSeconds: Readonly<Record<string, number>>;
}

interface CpuSnapshot {
  readonly at: number;
  readonly machineBusy: number;
  readonly machineTotal: number;
  readonly processes: ReadonlyMap<string, number>;
}

/**
 * Samples CPU time of a few processes (user + system, from /proc/<pid>/stat) and of the whole
 * machine (/proc/stat), so a phase can say who used the CPU: on a small box shared by the services,
 * their stand-ins and the load generator, that is where latency comes from.
 */
export class CpuSampler {
  constructor(private readonly pids: Readonly<Record<string, number>>) {}

  snapshot(): CpuSnapshot {
    const processes = new Map<string, number>();
    for (const [name, pid] of Object.entries(this.pids)) {
      const seconds = processCpuSeconds(pid);
      if (seconds !== undefined) processes.set(name, seconds);
    }
    const machine = machineCpuTicks();
    return { at: performance.now(), machineBusy: machine.busy, machineTotal: machine.total, processes };
  }

  /** What was used between two snapshots. */
  static between(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
    const wallSeconds = (after.at - before.at) / 1000;
    const processPercentOfCore: Record<string, number> = {};
    const processCpuSeconds: Record<string, number> = {};
    for (const [name, seconds] of after.processes) {
      const start = before.processes.get(name);
      if (start === undefined || wallSeconds <= 0) continue;
      processCpuSeconds[name] = round(seconds - start, 2);
      processPercentOfCore[name] = round(((seconds - start) / wallSeconds) * 100, 1);
    }
    const total = after.machineTotal - before.machineTotal;
    return {
      wallSeconds: round(wallSeconds, 2),
      machineBusyPercent: total > 0 ? round(((after.machineBusy - before.machineBusy) / total) * 100, 1) : 0,
      processPercentOfCore,
      processCpuSeconds,
    };
  }
}

/** User + system CPU seconds of a live process; undefined when it is gone or unreadable. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / ticksPerSecond : undefined;
  } catch {
    return undefined;
  }
}

/** Busy and total ticks of all cores since boot (busy = everything but idle and iowait). */
function machineCpuTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = values.reduce((sum, value) => sum + value, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}
