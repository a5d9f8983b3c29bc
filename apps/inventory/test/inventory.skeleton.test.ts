import { fileURLToPath } from 'node:url';
import { Client, connectivityState, credentials, type ServiceError } from '@grpc/grpc-js';
import { inventoryMetricDefinitions } from '@ticketing/inventory-config';
import { inventoryChannelOptions } from '@ticketing/inventory-contract';
import {
  checkGrpcHealth,
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
const inventoryService = 'ticketing.inventory.v1.InventoryService';

describe('inventory walking skeleton (as a process)', () => {
  let aws: IsolatedAwsResources;
  beforeAll(async () => {
    aws = await createIsolatedAwsResources({ only: { tables: ['inventory-seats'] } });
  });
  afterAll(() => aws?.cleanup());

  it('serves grpc.health.v1, /health, /ready and /metrics, and exits 0 on SIGTERM', async () => {
    const service = startServiceProcess(entry, { ...serviceEnvironment(aws.prefix), GRPC_PORT: '0' });
    try {
      const listening = await service.waitForLog((line) => line['msg'] === 'inventory listening');
      const grpcAddress = `127.0.0.1:${String(listening['grpc_port'])}`;
      const http = `http://127.0.0.1:${String(listening['http_port'])}`;

      expect(await checkGrpcHealth(grpcAddress, '')).toBe('SERVING');
      expect(await checkGrpcHealth(grpcAddress, inventoryService)).toBe('SERVING');
      expect((await fetch(`${http}/health`)).status).toBe(200);
      const ready = await fetch(`${http}/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ready', checks: { dynamodb: 'ok' } });
      const metrics = await (await fetch(`${http}/metrics`)).text();
      expect(metrics).toContain('process_cpu_seconds_total{service="inventory"}');
      // What it serves besides the process metrics is exactly what docs/reference/metrics.md lists.
      expect(await servedMetricFamilies(metrics)).toEqual(definedMetricFamilies(inventoryMetricDefinitions));
    } finally {
      const exit = await service.stop('SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
    }
    expect(service.logs.every((line) => typeof line['level'] === 'string' && line['service'] === 'inventory')).toBe(true);
    expect(service.logs.map((line) => line['msg'])).toEqual(
      expect.arrayContaining(['shutting down', 'shutdown complete']),
    );
  });

  it('reports NOT_SERVING and not ready while DynamoDB has no table for it', async () => {
    const service = startServiceProcess(entry, { ...serviceEnvironment(uniquePrefix()), GRPC_PORT: '0' });
    try {
      const listening = await service.waitForLog((line) => line['msg'] === 'inventory listening');
      expect(await checkGrpcHealth(`127.0.0.1:${String(listening['grpc_port'])}`, '')).toBe('NOT_SERVING');
      const ready = await fetch(`http://127.0.0.1:${String(listening['http_port'])}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { dynamodb: 'failing' } });
    } finally {
      expect((await service.stop('SIGTERM')).code).toBe(0);
    }
  });

  it('asks clients to reconnect once their connection is GRPC_MAX_CONNECTION_AGE_MS old, failing no call', async () => {
    const service = startServiceProcess(entry, { ...serviceEnvironment(aws.prefix), GRPC_PORT: '0', GRPC_MAX_CONNECTION_AGE_MS: '1000' });
    const client = await service
      .waitForLog((line) => line['msg'] === 'inventory listening')
      .then((listening) => new Client(`127.0.0.1:${String(listening['grpc_port'])}`, credentials.createInsecure(), inventoryChannelOptions));
    // grpc.health.v1 Check for the whole server: an empty request; any answer will do.
    const healthCheck = () =>
      new Promise<ServiceError | null>((resolve) =>
        client.makeUnaryRequest('/grpc.health.v1.Health/Check', () => Buffer.alloc(0), (bytes: Buffer) => bytes, Buffer.alloc(0), (error) => resolve(error)),
      );
    try {
      expect(await healthCheck()).toBeNull();
      const channel = client.getChannel();
      expect(channel.getConnectivityState(false)).toBe(connectivityState.READY);

      // The server's GOAWAY (after ~1 s) takes the channel out of READY; a new call reconnects.
      const left = await new Promise<boolean>((resolve) =>
        channel.watchConnectivityState(connectivityState.READY, Date.now() + 20_000, (error) => resolve(error === undefined)),
      );
      expect(left).toBe(true);
      expect(await healthCheck()).toBeNull();
    } finally {
      client.close();
      expect((await service.stop('SIGTERM')).code).toBe(0);
    }
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const service = startServiceProcess(entry, { ...serviceEnvironment(aws.prefix), GRPC_PORT: 'fifty' });
    expect((await service.exited).code).toBe(1);
    expect(service.logs).toEqual([
      expect.objectContaining({ level: 'fatal', issues: [expect.objectContaining({ variable: 'GRPC_PORT' })] }),
    ]);
  });
});
