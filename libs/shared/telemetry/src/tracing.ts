import { register } from 'node:module';

/** A running (or disabled) tracing setup; `shutdown` flushes buffered spans. */
export interface Tracing {
  readonly enabled: boolean;
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing with an OTLP/HTTP exporter, or does nothing when no endpoint is
 * configured. The SDK is imported only when tracing is on: it is about two thousand modules and
 * ~80 MB of memory that a process without a collector should not carry.
 *
 * Call it first in `main.ts`, before the app's modules are imported: instrumentation works by
 * patching modules as they load, and for ES modules that needs the loader hook registered here.
 */
export async function startTracing(options: { service: string; otlpEndpoint: string | undefined }): Promise<Tracing> {
  if (!options.otlpEndpoint) return { enabled: false, shutdown: async () => undefined };

  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [
    { OTLPTraceExporter },
    { AwsInstrumentation },
    { GrpcInstrumentation },
    { HttpInstrumentation },
    { IORedisInstrumentation },
    { NodeSDK },
  ] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-proto'),
    import('@opentelemetry/instrumentation-aws-sdk'),
    import('@opentelemetry/instrumentation-grpc'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-ioredis'),
    import('@opentelemetry/sdk-node'),
  ]);
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
