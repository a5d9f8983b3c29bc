export { createLogger, type Logger, type LoggerOptions } from './logger';
export { Counter, createMetricsRegistry, Gauge, Histogram, renderMetrics, type Registry } from './metrics-registry';
export { evaluateReadiness, type ReadinessCheck, type ReadinessReport } from './readiness';
export { startTracing, type Tracing } from './tracing';
