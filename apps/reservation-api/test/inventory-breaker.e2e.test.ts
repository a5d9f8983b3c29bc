import { fileURLToPath } from 'node:url';
import {
  createIsolatedAwsResources,
  findFreePort,
  serviceEnvironment,
  startServiceProcess,
  waitFor,
  type IsolatedAwsResources,
  type ServiceProcess,
} from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJwtIssuer, type TestJwtIssuer } from '@ticketing/testing';

const inventoryEntry = fileURLToPath(new URL('../../inventory/src/main.ts', import.meta.url));
const apiEntry = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** The API in front of an inventory that goes away and comes back, both real processes. */
describe('inventory circuit breaker', () => {
  let aws: IsolatedAwsResources;
  let issuer: TestJwtIssuer;
  let inventory: ServiceProcess | undefined;
  let api: ServiceProcess;
  let base: string;
  let inventoryEnv: Record<string, string>;

  const startInventory = async () => {
    inventory = startServiceProcess(inventoryEntry, inventoryEnv);
    await inventory.waitForLog((line) => line['msg'] === 'inventory listening');
  };
  const seatMap = async () => {
    const response = await fetch(`${base}/v1/events/evt_any/seats`, {
      headers: { authorization: `Bearer ${issuer.mint({ claims: { sub: 'user-1' } })}` },
    });
    return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
  };
  const circuitOpen = async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    return /reservation_api_inventory_circuit_open\{[^}]*\} 1\b/.test(metrics);
  };

  beforeAll(async () => {
    aws = await createIsolatedAwsResources({ only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds', 'reservations'] } });
    issuer = await startJwtIssuer({ audience: 'ticketing-api' });
    issuer.createKey('ES256');
    const grpcPort = await findFreePort();
    inventoryEnv = { ...serviceEnvironment(aws.prefix), GRPC_PORT: String(grpcPort) };
    await startInventory();
    api = startServiceProcess(apiEntry, {
      ...serviceEnvironment(aws.prefix),
      INVENTORY_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
      INVENTORY_DEADLINE_MS: '1000',
      INVENTORY_BREAKER_RESET_MS: '1000',
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      AUTH_ALLOW_INSECURE_ISSUER: 'true',
      OUTBOX_RELAY_ENABLED: 'false',
    });
    base = `http://127.0.0.1:${String((await api.waitForLog((line) => line['msg'] === 'reservation-api listening'))['http_port'])}`;
  });

  afterAll(async () => {
    await api?.stop();
    await inventory?.stop();
    await issuer?.close();
    await aws?.cleanup();
  });

  it('answers 503 while the inventory is gone, opens the circuit, and recovers when it returns', async () => {
    expect(await seatMap()).toEqual({ status: 404, code: 'EVENT_NOT_FOUND' });

    await inventory!.stop();
    const whileDown = [];
    for (let i = 0; i < 8; i += 1) whileDown.push(await seatMap());
    expect(whileDown.every((answer) => answer.status === 503 && answer.code === 'UPSTREAM_UNAVAILABLE')).toBe(true);
    expect(await circuitOpen()).toBe(true);
    expect(await (await fetch(`${base}/ready`)).json()).toMatchObject({ status: 'not_ready', checks: { inventory: 'failing' } });

    await startInventory();
    await waitFor(async () => (await seatMap()).status === 404, { description: 'the API to reach the inventory again', timeoutMs: 30_000 });
    expect(await circuitOpen()).toBe(false);
  });

  it('answers 504 UPSTREAM_TIMEOUT when the inventory misses the deadline', async () => {
    const impatient = startServiceProcess(apiEntry, {
      ...serviceEnvironment(aws.prefix),
      INVENTORY_GRPC_ADDRESS: inventoryEnv['GRPC_PORT'] ? `127.0.0.1:${inventoryEnv['GRPC_PORT']}` : '',
      // No inventory lookup (a DynamoDB read behind a gRPC call) finishes within a millisecond.
      INVENTORY_SEAT_MAP_DEADLINE_MS: '1',
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: issuer.audience,
      AUTH_ALLOW_INSECURE_ISSUER: 'true',
      OUTBOX_RELAY_ENABLED: 'false',
    });
    try {
      const port = (await impatient.waitForLog((line) => line['msg'] === 'reservation-api listening'))['http_port'];
      const response = await fetch(`http://127.0.0.1:${String(port)}/v1/events/evt_any/seats`, {
        headers: { authorization: `Bearer ${issuer.mint({ claims: { sub: 'user-1' } })}` },
      });
      expect(response.status).toBe(504);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM_TIMEOUT');
    } finally {
      await impatient.stop();
    }
  });
});
