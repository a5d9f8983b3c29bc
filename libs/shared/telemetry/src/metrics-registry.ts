import { collectDefaultMetrics, Registry } from 'prom-client';

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

/** The body and content type of a `/metrics` scrape. */
export async function renderMetrics(registry: Registry): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
