import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on, as every report records it. */
export interface MachineFacts {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryMb: number;
  readonly node: string;
  /** 1, 5 and 15 minute load averages when the run began: how busy the shared box already was. */
  readonly loadAverageAtStart: readonly number[];
}

/** Load averages now, rounded to hundredths; take them before the run starts anything. */
export function loadAverageNow(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

export function machineFacts(loadAverageAtStart: readonly number[]): MachineFacts {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    loadAverageAtStart,
  };
}
