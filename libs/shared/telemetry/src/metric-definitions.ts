/**
 * Metrics as data: what a metric is called, what it means and which labels it carries. A service
 * creates its metrics from these definitions (`registerMetrics`), and docs/reference/metrics.md is
 * rendered from the same objects (`renderMetricTable`), so the reference cannot drift from what
 * `/metrics` serves. Pure: no prom-client here, so tools and config libs read it for free.
 */

/** The Prometheus metric types the services use. */
export type MetricType = 'counter' | 'gauge' | 'histogram';

/**
 * One metric. Labels must stay low-cardinality: outcomes, reasons, operations, method names —
 * never an event, user, seat, hold or reservation id.
 */
export interface MetricDefinition<Type extends MetricType = MetricType, Label extends string = string> {
  readonly type: Type;
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly Label[];
  /** Histogram bucket upper bounds, in the metric's unit. */
  readonly buckets?: readonly number[];
}

/** A set of metrics created together, by the name the code uses for each. */
export type MetricDefinitions = Readonly<Record<string, MetricDefinition>>;

interface MetricSpec<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
}

/** A counter's definition; `labelNames` keep their literal types, so `inc` checks its labels. */
export function counter<const Label extends string = never>(spec: MetricSpec<Label>): MetricDefinition<'counter', Label> {
  return { type: 'counter', name: spec.name, help: spec.help, labelNames: spec.labelNames ?? [] };
}

/** A gauge's definition. */
export function gauge<const Label extends string = never>(spec: MetricSpec<Label>): MetricDefinition<'gauge', Label> {
  return { type: 'gauge', name: spec.name, help: spec.help, labelNames: spec.labelNames ?? [] };
}

/** A histogram's definition, with its buckets. */
export function histogram<const Label extends string = never>(
  spec: MetricSpec<Label> & { readonly buckets: readonly number[] },
): MetricDefinition<'histogram', Label> {
  return { type: 'histogram', name: spec.name, help: spec.help, labelNames: spec.labelNames ?? [], buckets: spec.buckets };
}

/**
 * The request histogram of the ops routes on a Fastify server (`@ticketing/fastify-ops`): by route
 * pattern, never the raw URL, which would carry ids.
 */
export const httpServerMetrics = {
  requestDuration: histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests by method, route and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
} as const;

/** Every definition of several sets, in order: what one service serves at `/metrics`. */
export function metricDefinitionList(...sets: readonly MetricDefinitions[]): MetricDefinition[] {
  return sets.flatMap((set) => Object.values(set));
}

/** The metrics as a Markdown table: name, type, labels, meaning. */
export function renderMetricTable(definitions: readonly MetricDefinition[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const labels = (definition: MetricDefinition) =>
    definition.labelNames.length === 0 ? '—' : definition.labelNames.map((label) => `\`${label}\``).join(', ');
  return [
    '| metric | type | labels | meaning |',
    '| --- | --- | --- | --- |',
    ...definitions.map((definition) => `| \`${definition.name}\` | ${definition.type} | ${labels(definition)} | ${cell(definition.help)} |`),
  ].join('\n');
}
