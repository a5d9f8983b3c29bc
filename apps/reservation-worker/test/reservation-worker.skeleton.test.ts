import { fileURLToPath } from 'node:url';
import { reservationWorkerMetricDefinitions } from '@ticketing/reservation-worker-config';
import {
  createIsolatedAwsResources,
  definedMetricFamilies,
  servedMetricFamilies,
  serviceEnvironment,
  startServiceProcess,
  uniquePrefix,
  type IsolatedAwsResources,
} from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('reservation-worker walking skeleton (as a process)', () => {
  let aws: IsolatedAwsResources;
  beforeAll(async () => {
    aws = await createIsolatedAwsResources({
      only: { tables: ['processed-events'], queues: ['reservation-worker-dlq', 'reservation-worker'] },
    });
  });
  afterAll(() => aws?.cleanup());

  it('is ready once its queue and table exist, serves /metrics, and exits 0 on SIGTERM', async () => {
    const service = startServiceProcess(entry, serviceEnvironment(aws.prefix));
    try {
      const listening = await service.waitForLog((line) => line['msg'] === 'reservation worker listening');
      const http = `http://127.0.0.1:${String(listening['http_port'])}`;

      expect((await fetch(`${http}/health`)).status).toBe(200);
      expect(await (await fetch(`${http}/ready`)).json()).toMatchObject({
        status: 'ready',
        checks: { sqs: 'ok', dynamodb: 'ok' },
      });
      const metrics = await (await fetch(`${http}/metrics`)).text();
      expect(metrics).toContain('service="reservation-worker"');
      // What it serves besides the process metrics is exactly what docs/reference/metrics.md lists.
      expect(await servedMetricFamilies(metrics)).toEqual(definedMetricFamilies(reservationWorkerMetricDefinitions));
    } finally {
      expect(await service.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
  });

  it('is not ready while its queue is missing', async () => {
    const service = startServiceProcess(entry, serviceEnvironment(uniquePrefix()));
    try {
      const listening = await service.waitForLog((line) => line['msg'] === 'reservation worker listening');
      const ready = await fetch(`http://127.0.0.1:${String(listening['http_port'])}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { sqs: 'failing', dynamodb: 'failing' } });
    } finally {
      expect((await service.stop('SIGTERM')).code).toBe(0);
    }
  });
});
