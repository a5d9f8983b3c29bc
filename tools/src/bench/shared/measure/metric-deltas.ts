import { round } from '../numbers';
import { parseSeries, scrapeMetrics, type MetricsSnapshot } from './metrics-exposition';

/** One histogram's change over a phase, summed over the series that match a label filter. */
export interface HistogramDelta {
  readonly count: number;
  /** Server-side mean over the phase, in ms (sum ÷ count of the histogram's deltas). */
  readonly meanMs: number;
  /**
   * Median estimated from the bucket deltas by linear interpolation inside the bucket that holds
   * it (Prometheus' histogram_quantile), in ms. Only as fine as the buckets: a median inside the
   * 25–50 ms bucket is known to ±12 ms.
   */
  readonly p50EstimateMs: number;
  /** The bucket the median lies in, in ms (`25–50`). */
  readonly p50BucketMs: string;
}

/**
 * The change of histogram `name` (`<name>_bucket`, `_sum`, `_count`) between two scrapes, over
 * every series whose labels include `labels`.
 */
export function histogramDelta(
  before: MetricsSnapshot,
  after: MetricsSnapshot,
  name: string,
  labels: Readonly<Record<string, string>>,
): HistogramDelta {
  let count = 0;
  let sum = 0;
  const buckets = new Map<number, number>();
  for (const [series, value] of after) {
    const parsed = parseSeries(series);
    if (!Object.entries(labels).every(([label, wanted]) => parsed.labels[label] === wanted)) continue;
    const change = value - (before.get(series) ?? 0);
    if (parsed.name === `${name}_count`) count += change;
    else if (parsed.name === `${name}_sum`) sum += change;
    else if (parsed.name === `${name}_bucket`) {
      const upper = parsed.labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(parsed.labels['le']);
      buckets.set(upper, (buckets.get(upper) ?? 0) + change);
    }
  }
  const { estimate, bucket } = medianOf([...buckets].sort(([a], [b]) => a - b), count);
  return { count, meanMs: count > 0 ? round((sum / count) * 1000, 3) : 0, p50EstimateMs: round(estimate * 1000, 3), p50BucketMs: bucket };
}

/**
 * Totals of a counter's change between two scrapes, by the value of `byLabel` (one `total` entry
 * without it), over the series whose labels include `labels`.
 */
export function counterDelta(
  before: MetricsSnapshot,
  after: MetricsSnapshot,
  name: string,
  options: { readonly byLabel?: string; readonly labels?: Readonly<Record<string, string>> } = {},
): Record<string, number> {
  const { byLabel, labels = {} } = options;
  const totals: Record<string, number> = {};
  for (const [series, value] of after) {
    const parsed = parseSeries(series);
    if (parsed.name !== name) continue;
    if (!Object.entries(labels).every(([label, wanted]) => parsed.labels[label] === wanted)) continue;
    const key = byLabel ? (parsed.labels[byLabel] ?? '') : 'total';
    const change = value - (before.get(series) ?? 0);
    if (change !== 0) totals[key] = round((totals[key] ?? 0) + change, 3);
  }
  return totals;
}

/** Cumulative buckets (upper bound in seconds → count ≤ it) to the interpolated median. */
function medianOf(cumulative: readonly (readonly [number, number])[], count: number): { estimate: number; bucket: string } {
  if (count <= 0) return { estimate: 0, bucket: '-' };
  const rank = count / 2;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [upperBound, upperCount] of cumulative) {
    if (upperCount >= rank) {
      const ms = (seconds: number) => (Number.isFinite(seconds) ? String(Math.round(seconds * 1000)) : '∞');
      const bucket = `${ms(lowerBound)}–${ms(upperBound)}`;
      // Beyond the last finite bound nothing can be interpolated: report that bound.
      if (!Number.isFinite(upperBound)) return { estimate: lowerBound, bucket };
      const share = upperCount === lowerCount ? 0 : (rank - lowerCount) / (upperCount - lowerCount);
      return { estimate: lowerBound + (upperBound - lowerBound) * share, bucket };
    }
    lowerBound = upperBound;
    lowerCount = upperCount;
  }
  return { estimate: lowerBound, bucket: '-' };
}

/** One scrape of each named service's /metrics, taken together. */
export async function scrapeAll<Name extends string>(urls: Readonly<Record<Name, string>>): Promise<Record<Name, MetricsSnapshot>> {
  const names = Object.keys(urls) as Name[];
  const snapshots = await Promise.all(names.map((name) => scrapeMetrics(urls[name])));
  return Object.fromEntries(names.map((name, index) => [name, snapshots[index]])) as Record<Name, MetricsSnapshot>;
}
