import { checkTableReachable, createAwsClients, type AwsClients } from '@ticketing/aws';
import { createRedisClient, type RedisClient } from '@ticketing/redis';
import { IdempotencyStore, ReservationStore } from '@ticketing/reservation-store';
import { physicalName } from '@ticketing/resources';
import type { ReadinessCheck } from '@ticketing/telemetry';
import type { ReservationApiConfig } from '@ticketing/reservation-api-config';
import { InventoryGateway } from '@ticketing/inventory-contract';

/** The clients and stores the reservation API talks to, and how to tell they are usable. */
export interface ReservationApiDependencies {
  readonly aws: AwsClients;
  readonly inventory: InventoryGateway;
  readonly reservations: ReservationStore;
  readonly idempotency: IdempotencyStore;
  readonly outboxTable: string;
  /** Shared rate-limit counters; undefined when limiting is off or counts in memory. */
  readonly rateLimitRedis: RedisClient | undefined;
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/** Connects to the API's own DynamoDB tables and to the inventory service. */
export function connectReservationApiDependencies(config: ReservationApiConfig): ReservationApiDependencies {
  const aws = createAwsClients(config.aws);
  const table = (name: string) => physicalName(config.aws.resourcePrefix, name);
  const inventory = new InventoryGateway(config.inventory);
  const rateLimitRedis =
    config.rateLimit.enabled && config.rateLimit.store === 'redis'
      ? createRedisClient(config.redis, { keyPrefix: config.redis.keyPrefix, commandTimeoutMs: config.redis.commandTimeoutMs })
      : undefined;
  // ioredis reports each failed reconnect as an event; the limiter logs outages itself.
  rateLimitRedis?.on('error', () => undefined);
  const readinessChecks = [
    { name: 'dynamodb', check: () => checkTableReachable(aws, table('reservations')) },
    { name: 'inventory', check: () => inventory.checkReachable() },
    ...(rateLimitRedis && config.redis.required
      ? [{ name: 'redis', check: async () => void (await rateLimitRedis.ping()) }]
      : []),
  ];
  return {
    aws,
    inventory,
    reservations: new ReservationStore(aws.documents, {
      reservationsTable: table('reservations'),
      ordersTable: table('orders'),
    }),
    idempotency: new IdempotencyStore(
      aws.documents,
      { table: table('idempotency-records') },
      { ttlMs: config.server.idempotencyTtlMs },
    ),
    outboxTable: table('outbox'),
    rateLimitRedis,
    readinessChecks,
    close: async () => {
      rateLimitRedis?.disconnect();
      inventory.close();
      aws.destroy();
    },
  };
}
