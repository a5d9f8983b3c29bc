import { checkTableReachable, createAwsClients } from '@ticketing/aws';
import { createRedisClient } from '@ticketing/redis';
import { physicalName } from '@ticketing/resources';
import type { ReadinessCheck } from '@ticketing/telemetry';
import type { InventoryConfig } from './config';

/** The clients the inventory service talks to, and how to tell they are usable. */
export interface InventoryDependencies {
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/**
 * Connects to DynamoDB (the arbiter: the service is not ready without it) and Redis (the
 * accelerator: only required for readiness when `REDIS_REQUIRED` says so).
 */
export function connectInventoryDependencies(config: InventoryConfig): InventoryDependencies {
  const aws = createAwsClients(config.aws);
  const redis = createRedisClient(config.redis, {
    keyPrefix: config.redis.keyPrefix,
    commandTimeoutMs: config.redis.commandTimeoutMs,
  });
  const seatsTable = physicalName(config.aws.resourcePrefix, 'inventory-seats');

  const readinessChecks: ReadinessCheck[] = [
    { name: 'dynamodb', check: () => checkTableReachable(aws, seatsTable) },
  ];
  if (config.redis.required) {
    readinessChecks.push({ name: 'redis', check: async () => void (await redis.ping()) });
  }
  return {
    readinessChecks,
    close: async () => {
      redis.disconnect();
      aws.destroy();
    },
  };
}
