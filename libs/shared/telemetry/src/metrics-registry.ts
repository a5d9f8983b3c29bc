import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricDefinition, MetricDefinitions } from './metric-definitions';

export { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * A Prometheus registry per service with the Node.js process metrics (event loop lag, heap, GC)
 * already registered. Services register their own metrics on it; never use prom-client's global
 * registry, so tests can build several apps in one process.
 *
 * Labels must stay low-cardinality: never an event, user, seat or reservation id.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** The prom-client metric a definition creates, with its label names' literal types. */
export type MetricOf<Definition> =
  Definition extends MetricDefinition<'counter', infer Label>
    ? Counter<Label>
    : Definition extends MetricDefinition<'gauge', infer Label>
      ? Gauge<Label>
      : Definition extends MetricDefinition<'histogram', infer Label>
        ? Histogram<Label>
        : never;

/** The metrics {@link registerMetrics} creates from a set of definitions, by the same keys. */
export type RegisteredMetrics<Definitions extends MetricDefinitions> = { readonly [Key in keyof Definitions]: MetricOf<Definitions[Key]> };

/**
 * Creates a set of metrics on a registry from their definitions (docs/reference/metrics.md lists
 * the same definitions). Once per registry: prom-client refuses a second metric of the same name.
 *
 * @example
 * const metrics = registerMetrics(registry, { holds: counter({ name: 'holds_total', help: '…', labelNames: ['outcome'] }) });
 * metrics.holds.inc({ outcome: 'held' });
 */
export function registerMetrics<const Definitions extends MetricDefinitions>(
  registry: Registry,
  definitions: Definitions,
): RegisteredMetrics<Definitions> {
  const metrics = Object.fromEntries(Object.entries(definitions).map(([key, definition]) => [key, createMetric(registry, definition)]));
  return metrics as RegisteredMetrics<Definitions>;
}

function createMetric(registry: Registry, definition: MetricDefinition): Counter | Gauge | Histogram {
  const configuration = { name: definition.name, help: definition.help, labelNames: definition.labelNames, registers: [registry] };
  switch (definition.type) {
    case 'counter':
      return new Counter(configuration);
    case 'gauge':
      return new Gauge(configuration);
    case 'histogram':
      return new Histogram({ ...configuration, ...(definition.buckets ? { buckets: [...definition.buckets] } : {}) });
  }
}

/** The body and content type of a `/metrics` scrape. */
export async function renderMetrics(registry: Registry): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
