import { credentials } from '@grpc/grpc-js';
import { inventoryRpc, InventoryServiceClient, type InventoryRpc } from '@ticketing/inventory-contract';
import {
  createIsolatedAwsResources,
  isolatedRedisKeyPrefix,
  serviceEnvironment,
  type IsolatedAwsResources,
} from '@ticketing/testing';
import pino from 'pino';
import { startInventoryApp, type InventoryApp } from '../../src/app';
import { loadInventoryConfig } from '@ticketing/inventory-config';
import { bearer } from './grpc-call';

export const adminToken = 'test-admin-token-0123456789';

/** An inventory service running in this process on fresh tables and Redis keys, with a client. */
export interface TestInventory {
  readonly app: InventoryApp;
  readonly client: InventoryServiceClient;
  /** The client with promises; no token unless a call passes one. */
  readonly rpc: InventoryRpc;
  readonly aws: IsolatedAwsResources;
  readonly redisKeyPrefix: string;
  readonly admin: ReturnType<typeof bearer>;
  /** Starts another instance on the same tables and Redis (as a second replica would be). */
  startReplica(env?: Record<string, string>): Promise<{ app: InventoryApp; client: InventoryServiceClient; rpc: InventoryRpc }>;
  close(): Promise<void>;
}

/**
 * Starts the real inventory app (real gRPC server on 127.0.0.1:0, DynamoDB Local, Redis) with its
 * own inventory tables and Redis key prefix. `env` overrides configuration, e.g. a short
 * HOLD_MIN_TTL_MS or REDIS_MODE=cluster.
 */
export async function startTestInventory(env: Record<string, string> = {}): Promise<TestInventory> {
  const aws = await createIsolatedAwsResources({
    only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds'] },
  });
  const redisKeyPrefix = isolatedRedisKeyPrefix();
  const baseEnv = {
    ...serviceEnvironment(aws.prefix),
    GRPC_PORT: '0',
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    REDIS_KEY_PREFIX: redisKeyPrefix,
    INVENTORY_ADMIN_TOKEN: adminToken,
    SWEEPER_INTERVAL_MS: '3600000',
    // Production's 100 ms Redis timeout would turn a busy CI machine into "Redis is down" and make
    // assertions about what the gate did flaky; the Redis-down tests point Redis at a closed port.
    REDIS_COMMAND_TIMEOUT_MS: '2000',
    ...env,
  };
  const running: { app: InventoryApp; client: InventoryServiceClient }[] = [];
  const start = async (overrides: Record<string, string> = {}) => {
    const app = await startInventoryApp(loadInventoryConfig({ ...baseEnv, ...overrides }), pino({ level: 'silent' }));
    const client = new InventoryServiceClient(`127.0.0.1:${app.grpcPort}`, credentials.createInsecure());
    running.push({ app, client });
    return { app, client, rpc: inventoryRpc(client) };
  };
  const first = await start();
  return {
    ...first,
    aws,
    redisKeyPrefix,
    admin: bearer(adminToken),
    startReplica: start,
    close: async () => {
      for (const { app, client } of running) {
        client.close();
        await app.close();
      }
      await aws.cleanup();
    },
  };
}
