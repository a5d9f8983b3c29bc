import { checkTableReachable, createAwsClients, type AwsClients } from '@ticketing/aws';
import { createRedisClient, RedisCircuit, type RedisClient } from '@ticketing/redis';
import { defaultInFlightLeaseMs, IdempotencyStore, RedisClaims, ReservationStore, tableClaims, type ClaimStore } from '@ticketing/reservation-store';
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
  /** Where requests claim their Idempotency-Keys (IDEMPOTENCY_CLAIMS). */
  readonly claims: ClaimStore;
  readonly outboxTable: string;
  /** Shared rate-limit counters; undefined when limiting is off or counts in memory. */
  readonly rateLimitRedis: RedisClient | undefined;
  /** The breaker in front of every Redis call of the API; undefined without Redis. */
  readonly redisCircuit: RedisCircuit | undefined;
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/** Connects to the API's own DynamoDB tables and to the inventory service. */
export function connectReservationApiDependencies(config: ReservationApiConfig): ReservationApiDependencies {
  const aws = createAwsClients(config.aws);
  const table = (name: string) => physicalName(config.aws.resourcePrefix, name);
  const inventory = new InventoryGateway(config.inventory);
  const rateLimitsInRedis = config.rateLimit.enabled && config.rateLimit.store === 'redis';
  const claimsInRedis = config.server.idempotencyClaims === 'redis';
  // One connection for both users; it fails fast (command timeout, no offline queue) and each
  // user falls back on its own when it does.
  const redis =
    rateLimitsInRedis || claimsInRedis
      ? createRedisClient(config.redis, { keyPrefix: config.redis.keyPrefix, commandTimeoutMs: config.redis.commandTimeoutMs })
      : undefined;
  // ioredis reports each failed reconnect as an event; the limiter and the claims handle outages themselves.
  redis?.on('error', () => undefined);
  // Opens on the first failure and pings in the background until Redis answers: while it is open,
  // the limiter lets requests through and claims go to the table, without waiting for Redis.
  const redisCircuit = redis
    ? new RedisCircuit({ name: 'api-redis', timeoutMs: config.redis.commandTimeoutMs, volumeThreshold: 1, probe: () => redis.ping() })
    : undefined;
  const readinessChecks = [
    { name: 'dynamodb', check: () => checkTableReachable(aws, table('reservations')) },
    { name: 'inventory', check: () => inventory.checkReachable() },
    ...(redis && config.redis.required ? [{ name: 'redis', check: async () => void (await redis.ping()) }] : []),
  ];
  const idempotency = new IdempotencyStore(aws.documents, { table: table('idempotency-records') }, { ttlMs: config.server.idempotencyTtlMs });
  const claimsInTable = tableClaims(idempotency);
  return {
    aws,
    inventory,
    reservations: new ReservationStore(aws.documents, {
      reservationsTable: table('reservations'),
      ordersTable: table('orders'),
    }),
    idempotency,
    claims:
      redis && claimsInRedis
        ? new RedisClaims(redis, idempotency, claimsInTable, {
            leaseMs: defaultInFlightLeaseMs,
            ttlMs: config.server.idempotencyTtlMs,
            guard: (call) => (redisCircuit as RedisCircuit).run(call),
          })
        : claimsInTable,
    outboxTable: table('outbox'),
    rateLimitRedis: rateLimitsInRedis ? redis : undefined,
    redisCircuit,
    readinessChecks,
    close: async () => {
      redisCircuit?.shutdown();
      redis?.disconnect();
      inventory.close();
      aws.destroy();
    },
  };
}
