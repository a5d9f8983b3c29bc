import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Counter, createMetricsRegistry } from '../src/metrics-registry';
import { startOpsServer, type OpsServer } from '../src/ops-server';

describe('ops server', () => {
  let server: OpsServer | undefined;
  afterEach(async () => server?.close());

  async function start(dependencyUp: () => boolean) {
    const registry = createMetricsRegistry('test-service');
    new Counter({ name: 'holds_total', help: 'holds', registers: [registry] }).inc();
    server = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry,
      logger: pino({ level: 'silent' }),
      readinessChecks: [
        { name: 'always', check: async () => undefined },
        {
          name: 'dependency',
          check: async () => {
            if (!dependencyUp()) throw new Error('down');
          },
        },
      ],
    });
    return `http://127.0.0.1:${server.port}`;
  }

  it('answers liveness, and readiness by its checks', async () => {
    let up = false;
    const base = await start(() => up);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not_ready',
      draining: false,
      checks: { always: 'ok', dependency: 'failing' },
    });

    up = true;
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('reports not ready once draining, while staying alive', async () => {
    const base = await start(() => true);
    server?.markDraining();
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('serves Prometheus metrics with the service label and process metrics', async () => {
    const base = await start(() => true);
    const response = await fetch(`${base}/metrics`);
    const body = await response.text();
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(body).toContain('holds_total{service="test-service"} 1');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers unknown paths with 404', async () => {
    const base = await start(() => true);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
