import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** What every log line of a service carries. */
export interface LoggerOptions {
  readonly service: string;
  readonly level: string;
}

/**
 * JSON logger for a service. Every line carries `service` and, inside a traced operation, the
 * `trace_id`/`span_id` of the active span so a log line can be found from a trace and back.
 * Secrets that travel in headers are redacted.
 *
 * @param destination where lines go; stdout by default, a stream in tests.
 */
export function createLogger(options: LoggerOptions, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.authorization', '*.token'],
      mixin: activeTraceFields,
    },
    destination,
  );
}

function activeTraceFields(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
