import { fileURLToPath } from 'node:url';
import {
  createIsolatedAwsResources,
  serviceEnvironment,
  startServiceProcess,
  type IsolatedAwsResources,
} from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('reservation-api walking skeleton (as a process)', () => {
  let aws: IsolatedAwsResources;
  beforeAll(async () => {
    aws = await createIsolatedAwsResources({ only: { tables: ['reservations'] } });
  });
  afterAll(() => aws?.cleanup());

  it('serves /health, /ready and /metrics, answers unknown routes in the error format, and exits 0 on SIGTERM', async () => {
    const service = startServiceProcess(entry, serviceEnvironment(aws.prefix));
    try {
      const listening = await service.waitForLog((line) => line['msg'] === 'reservation-api listening');
      const http = `http://127.0.0.1:${String(listening['http_port'])}`;

      expect((await fetch(`${http}/health`)).status).toBe(200);
      expect(await (await fetch(`${http}/ready`)).json()).toMatchObject({ status: 'ready', checks: { dynamodb: 'ok' } });
      const missing = await fetch(`${http}/v1/nothing-here`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        error: { code: 'NOT_FOUND', message: 'No route GET /v1/nothing-here.', trace_id: expect.any(String) },
      });
      const metrics = await (await fetch(`${http}/metrics`)).text();
      expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health"[^}]*status_code="200"/);
    } finally {
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
    expect(service.logs.map((line) => line['msg'])).toContain('shutdown complete');
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const service = startServiceProcess(entry, { ...serviceEnvironment(aws.prefix), INVENTORY_GRPC_ADDRESS: 'nowhere' });
    expect((await service.exited).code).toBe(1);
    expect(service.logs).toEqual([
      expect.objectContaining({ level: 'fatal', issues: [expect.objectContaining({ variable: 'INVENTORY_GRPC_ADDRESS' })] }),
    ]);
  });
});
