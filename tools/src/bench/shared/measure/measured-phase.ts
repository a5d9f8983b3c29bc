import { scrapeAll } from './metric-deltas';
import type { MetricsSnapshot } from './metrics-exposition';
import { CpuSampler, type CpuUse } from './process-cpu';

/** What a measured phase saw around its load. */
export interface MeasuredPhase<Result, Service extends string> {
  readonly result: Result;
  /** Each service's /metrics just before and just after the load. */
  readonly before: Readonly<Record<Service, MetricsSnapshot>>;
  readonly after: Readonly<Record<Service, MetricsSnapshot>>;
  /** CPU of the sampled processes over the load. */
  readonly cpu: CpuUse;
}

/**
 * Runs one phase of load (`load`, typically a scenario in its load-generator process) between two
 * scrapes of the services' /metrics and two CPU snapshots of `cpu`, so the phase's server-side
 * figures are deltas over exactly that load.
 */
export async function measurePhase<Result, Service extends string>(
  metricsUrls: Readonly<Record<Service, string>>,
  cpu: CpuSampler,
  load: () => Promise<Result>,
): Promise<MeasuredPhase<Result, Service>> {
  const before = await scrapeAll(metricsUrls);
  const cpuBefore = cpu.snapshot();
  const result = await load();
  const cpuUse = CpuSampler.between(cpuBefore, cpu.snapshot());
  const after = await scrapeAll(metricsUrls);
  return { result, before, after, cpu: cpuUse };
}
