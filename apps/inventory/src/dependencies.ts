import { checkTableReachable, createAwsClients } from '@ticketing/aws';
import { EventStore, HoldStore, SeatStore } from '@ticketing/inventory-seat-store';
import { isSeatGateBug, SeatGate, SeatStatusView } from '@ticketing/inventory-seat-gate';
import { createRedisClient, RedisCircuit } from '@ticketing/redis';
import { physicalName } from '@ticketing/resources';
import type { Logger, ReadinessCheck } from '@ticketing/telemetry';
import type { InventoryConfig } from '@ticketing/inventory-config';
import type { InventoryMetrics } from './inventory.metrics';

/** Holds are kept this long after they end, for support and reconciliation, then DynamoDB's TTL removes them. */
const holdRetentionMs = 7 * 24 * 3_600_000;

/** The stores and accelerators the inventory runs on, and how to tell they are usable. */
export interface InventoryDependencies {
  readonly events: EventStore;
  readonly seats: SeatStore;
  readonly holds: HoldStore;
  readonly gate: SeatGate;
  readonly view: SeatStatusView;
  readonly redisCircuit: RedisCircuit;
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/**
 * Connects to DynamoDB (the arbiter: the service is not ready without it) and Redis (the
 * accelerator: only required for readiness when `REDIS_REQUIRED` says so), counting every
 * DynamoDB call by operation.
 */
export function connectInventoryDependencies(
  config: InventoryConfig,
  metrics: InventoryMetrics,
  logger: Logger,
): InventoryDependencies {
  const aws = createAwsClients(config.aws, {
    onDynamoDbCall: (operation) => metrics.dynamodbCalls.inc({ operation }),
  });
  const redis = createRedisClient(config.redis, {
    keyPrefix: config.redis.keyPrefix,
    commandTimeoutMs: config.redis.commandTimeoutMs,
  });
  // ioredis reports every failed reconnect; the circuit breaker already counts failures, so these
  // are only worth a debug line (an unhandled 'error' event would crash nothing but spam stderr).
  redis.on('error', (error: Error) => logger.debug({ err: error }, 'redis connection error'));
  const table = (name: string) => physicalName(config.aws.resourcePrefix, name);
  const tables = {
    eventsTable: table('inventory-events'),
    seatsTable: table('inventory-seats'),
    holdsTable: table('inventory-holds'),
  };
  // Opens on the first failure (a dead Redis must not cost the next requests anything) and pings
  // in the background until Redis answers: no request ever waits to find out.
  const redisCircuit = new RedisCircuit({
    timeoutMs: config.redis.commandTimeoutMs,
    volumeThreshold: 1,
    probe: () => redis.ping(),
    probeIntervalMs: config.accelerators.breakerProbeMs,
    isCallerBug: isSeatGateBug,
  });

  const readinessChecks: ReadinessCheck[] = [
    { name: 'dynamodb', check: () => checkTableReachable(aws, tables.seatsTable) },
  ];
  if (config.redis.required) {
    readinessChecks.push({ name: 'redis', check: async () => void (await redis.ping()) });
  }
  return {
    events: new EventStore(aws.documents, tables),
    seats: new SeatStore(aws.documents, tables),
    holds: new HoldStore(aws.documents, tables, { retentionMs: holdRetentionMs }),
    gate: new SeatGate(redis),
    view: new SeatStatusView(redis),
    redisCircuit,
    readinessChecks,
    close: async () => {
      redisCircuit.shutdown();
      redis.disconnect();
      aws.destroy();
    },
  };
}
