import type { LatencySummary } from '../load/latency-summary';

/** p50, p95 and p99 with two decimals, for a table row. */
export function percentiles(latency: LatencySummary): string[] {
  return [fixed(latency.p50, 2), fixed(latency.p95, 2), fixed(latency.p99, 2)];
}

/** `held × 12, conflict × 3`, or `(none)`. */
export function describeCounts(counts: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(counts ?? {});
  return entries.length === 0 ? '(none)' : entries.map(([name, count]) => `${name} × ${count}`).join(', ');
}

/** `42 %` */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** `value` with `digits` decimals. */
export function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
