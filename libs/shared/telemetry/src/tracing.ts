import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NodeSDK } from '@opentelemetry/sdk-node';

/** A running (or disabled) tracing setup; `shutdown` flushes buffered spans. */
export interface Tracing {
  readonly enabled: boolean;
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing with an OTLP/HTTP exporter, or does nothing when no endpoint is
 * configured (local runs and tests pay no cost).
 *
 * Call it first in `main.ts`, before the app's modules are imported: instrumentation works by
 * patching modules as they load, and for ES modules that needs the loader hook registered here.
 */
export function startTracing(options: { service: string; otlpEndpoint: string | undefined }): Tracing {
  if (!options.otlpEndpoint) return { enabled: false, shutdown: async () => undefined };

  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const sdk = new NodeSDK({
    serviceName: options.service,
    traceExporter: new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation(),
      new GrpcInstrumentation(),
      new IORedisInstrumentation(),
      new AwsInstrumentation({ suppressInternalInstrumentation: true }),
    ],
  });
  sdk.start();
  return { enabled: true, shutdown: () => sdk.shutdown() };
}
