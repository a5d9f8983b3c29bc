/** One scrape of a service's /metrics: every sample as `name{labels}` → value. */
export type MetricsSnapshot = ReadonlyMap<string, number>;

/** Scrapes the Prometheus text exposition at `url`. */
export async function scrapeMetrics(url: string): Promise<MetricsSnapshot> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return parseExposition(await response.text());
}

/** Parses `name{a="x",b="y"} 12` lines; comments and blank lines are skipped. */
export function parseExposition(text: string): MetricsSnapshot {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const split = line.lastIndexOf(' ');
    const value = Number(line.slice(split + 1));
    if (split > 0 && Number.isFinite(value)) samples.set(line.slice(0, split), value);
  }
  return samples;
}

/** Splits a series key (`name{a="x"}`) into its metric name and labels. */
export function parseSeries(series: string): { name: string; labels: Record<string, string> } {
  const brace = series.indexOf('{');
  if (brace < 0) return { name: series, labels: {} };
  const labels: Record<string, string> = {};
  for (const match of series.slice(brace + 1, -1).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    labels[match[1] ?? ''] = match[2] ?? '';
  }
  return { name: series.slice(0, brace), labels };
}
