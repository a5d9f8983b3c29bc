import { createMetricsRegistry, type MetricDefinition } from '@ticketing/telemetry';

/**
 * The metric families a service's `/metrics` scrape declares (its `# TYPE` lines), as sorted
 * `name type` strings, without the Node.js process metrics every service's registry carries:
 * what the service defines itself. Compare with {@link definedMetricFamilies} of the definitions
 * docs/reference/metrics.md is rendered from, so a metric created outside them fails a test.
 */
export async function servedMetricFamilies(scrape: string): Promise<string[]> {
  const processMetrics = new Set((await createMetricsRegistry('process').getMetricsAsJSON()).map((metric) => metric.name));
  return [...scrape.matchAll(/^# TYPE (\S+) (\S+)$/gm)]
    .filter(([, name = '']) => !processMetrics.has(name))
    .map(([, name, type]) => `${name} ${type}`)
    .sort();
}

/** Metric definitions as {@link servedMetricFamilies} lists them. */
export function definedMetricFamilies(definitions: readonly MetricDefinition[]): string[] {
  return definitions.map((definition) => `${definition.name} ${definition.type}`).sort();
}
