import Type from 'typebox';
import { defineConfigPiece } from './config-piece';
import { choiceVariable, urlVariable } from './schema-types';

/**
 * Logging and tracing. Tracing is off unless an OTLP endpoint is configured, so a developer's
 * laptop and the tests pay nothing for it.
 */
export const observabilityConfig = defineConfigPiece(
  {
    LOG_LEVEL: choiceVariable(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info', 'log level'),
    OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
      urlVariable('OTLP/HTTP collector base URL; tracing is disabled when unset'),
    ),
  },
  (env) => ({ logLevel: env.LOG_LEVEL, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }),
);
