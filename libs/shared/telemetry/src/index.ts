export { createLogger, type Logger, type LoggerOptions } from './logger';
export {
  counter,
  gauge,
  histogram,
  httpServerMetrics,
  metricDefinitionList,
  renderMetricTable,
  type MetricDefinition,
  type MetricDefinitions,
  type MetricType,
} from './metric-definitions';
export {
  Counter,
  createMetricsRegistry,
  Gauge,
  Histogram,
  registerMetrics,
  renderMetrics,
  type MetricOf,
  type Registry,
  type RegisteredMetrics,
} from './metrics-registry';
export { evaluateReadiness, type ReadinessCheck, type ReadinessReport } from './readiness';
export { startTracing, type Tracing } from './tracing';
