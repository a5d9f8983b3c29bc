import { createRedisClient, whenRedisReady, type RedisClient, type RedisConnectionConfig } from '@ticketing/redis';
import {
  createIsolatedAwsResources,
  createTestCertificates,
  serviceEnvironment,
  startRedisCluster,
  type IsolatedAwsResources,
  type PrivateRedisCluster,
  type TestCertificates,
  waitFor,
} from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventoryProcess, type InventoryProcess } from './support/inventory-process';

const password = 'cluster-auth-token-0123456789';

/**
 * Redis Cluster as ElastiCache runs it with in-transit encryption and an AUTH token: three private
 * nodes speaking TLS only (their cluster bus too) and wanting AUTH. The inventory, configured with
 * REDIS_TLS, the CA and REDIS_PASSWORD, uses it; a client missing either is refused.
 */
describe('Redis Cluster with TLS and AUTH', () => {
  let pki: TestCertificates;
  let cluster: PrivateRedisCluster;
  let aws: IsolatedAwsResources;
  let inventory: InventoryProcess | undefined;
  const clients: RedisClient[] = [];

  beforeAll(async () => {
    pki = await createTestCertificates();
    cluster = await startRedisCluster({ tls: { caFile: pki.caFile, certFile: pki.serverCertFile, keyFile: pki.serverKeyFile }, password });
    aws = await createIsolatedAwsResources({ only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds'] } });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    if (inventory) expect(await inventory.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await cluster?.destroy();
    await aws?.cleanup();
    await pki?.cleanup();
  });

  const nodes = () => cluster.nodes.split(',').map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) }));
  /** Whether a client with `security` gets a cluster connection and a round trip. */
  const roundTrip = async (security: Pick<RedisConnectionConfig, 'tls' | 'auth'>) => {
    const client = createRedisClient({ mode: 'cluster', nodes: nodes(), ...security }, { connectTimeoutMs: 2_000, commandTimeoutMs: 2_000 });
    client.on('error', () => undefined);
    clients.push(client);
    try {
      await whenRedisReady(client, { timeoutMs: 5_000 });
      await client.set('{tls-test}:key', 'value');
      return await client.get('{tls-test}:key');
    } catch {
      return 'refused';
    }
  };

  it('answers a client with TLS and the password, and refuses one without either', async () => {
    expect(await roundTrip({ tls: { caFile: pki.caFile }, auth: { password } })).toBe('value');
    expect(await roundTrip({ tls: { caFile: pki.caFile } })).toBe('refused');
    expect(await roundTrip({ auth: { password } })).toBe('refused');
    expect(await roundTrip({ tls: { caFile: pki.otherCaFile }, auth: { password } })).toBe('refused');
  });

  it('serves the inventory, which is ready only once it has reached Redis', async () => {
    inventory = await startInventoryProcess({
      ...serviceEnvironment(aws.prefix),
      GRPC_PORT: '0',
      REDIS_MODE: 'cluster',
      REDIS_CLUSTER_NODES: cluster.nodes,
      REDIS_TLS: 'true',
      REDIS_TLS_CA_FILE: pki.caFile,
      REDIS_PASSWORD: password,
      REDIS_REQUIRED: 'true',
    });
    const readiness = async () => (await (await fetch(`http://127.0.0.1:${inventory!.httpPort}/ready`)).json()) as { status: string };
    // The cluster connection (TLS handshakes, AUTH, slot discovery) comes up in the background.
    await waitFor(async () => (await readiness()).status === 'ready', { description: 'the inventory to be ready', timeoutMs: 60_000 });
    expect(await readiness()).toMatchObject({ status: 'ready', checks: { redis: 'ok' } });
  });
});
