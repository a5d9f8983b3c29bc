import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../src/tracing';

describe('startTracing', () => {
  let collector: Server;
  const received: { path: string; bytes: number }[] = [];

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector: it records what the exporter posts.
    collector = createServer((request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        received.push({ path: request.url ?? '', bytes });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('is a no-op without an endpoint', async () => {
    const tracing = await startTracing({ service: 'test', otlpEndpoint: undefined });
    expect(tracing.enabled).toBe(false);
    await tracing.shutdown();
  });

  it('exports spans over OTLP/HTTP to the configured endpoint', async () => {
    const port = (collector.address() as AddressInfo).port;
    const tracing = await startTracing({ service: 'test', otlpEndpoint: `http://127.0.0.1:${port}` });
    expect(tracing.enabled).toBe(true);
    trace.getTracer('test').startActiveSpan('hold seats', (span) => span.end());
    await tracing.shutdown();
    expect(received).toContainEqual({ path: '/v1/traces', bytes: expect.any(Number) });
    expect(received.find((request) => request.path === '/v1/traces')?.bytes).toBeGreaterThan(0);
  });
});
