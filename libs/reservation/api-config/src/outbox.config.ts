import { ConfigRuleViolation, defineConfigPiece, millisecondsVariable } from '@ticketing/config';
import Type from 'typebox';

const day = 24 * 60 * 60 * 1000;

/**
 * The outbox relay (DESIGN.md "Events"): how often it drains, how much per drain, how long a lease
 * keeps other replicas away, and when it gives up on an event. The bus defaults to the
 * environment's `ticketing` bus (`RESOURCE_PREFIX` + `ticketing`); EVENT_BUS_NAME overrides it.
 */
export const outboxRelayConfig = defineConfigPiece(
  {
    OUTBOX_RELAY_ENABLED: Type.Boolean({
      default: true,
      description: 'whether this process runs the outbox relay (every replica may; leases keep them apart)',
    }),
    OUTBOX_RELAY_INTERVAL_MS: millisecondsVariable(1_000, 60_000, 'pause between outbox drains when there is no backlog'),
    OUTBOX_BATCH_SIZE: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 25,
      description: 'outbox items leased and published per drain (PutEvents carries 10 per call)',
    }),
    OUTBOX_LEASE_MS: millisecondsVariable(
      30_000,
      600_000,
      'how long a relay holds a leased outbox item; must exceed one PutEvents call with retries',
    ),
    OUTBOX_MAX_ATTEMPTS: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'publish attempts before an outbox event is marked FAILED',
    }),
    OUTBOX_RETRY_BASE_MS: millisecondsVariable(1_000, 600_000, 'backoff after the first failed publish attempt (doubles per attempt)'),
    OUTBOX_RETRY_MAX_MS: millisecondsVariable(300_000, 3_600_000, 'longest backoff between publish attempts'),
    OUTBOX_RETENTION_MS: millisecondsVariable(7 * day, 30 * day, 'how long published outbox items are kept before they expire'),
    EVENT_BUS_NAME: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9._:/-]{1,1600}$',
        description: 'EventBridge bus name or ARN the relay publishes to; default RESOURCE_PREFIX + "ticketing"',
      }),
    ),
  },
  (env) => {
    if (env.OUTBOX_RETRY_MAX_MS < env.OUTBOX_RETRY_BASE_MS) {
      throw new ConfigRuleViolation('OUTBOX_RETRY_MAX_MS', 'must be at least OUTBOX_RETRY_BASE_MS');
    }
    if (env.OUTBOX_LEASE_MS <= env.OUTBOX_RELAY_INTERVAL_MS) {
      throw new ConfigRuleViolation('OUTBOX_LEASE_MS', 'must be longer than OUTBOX_RELAY_INTERVAL_MS');
    }
    return {
      enabled: env.OUTBOX_RELAY_ENABLED,
      intervalMs: env.OUTBOX_RELAY_INTERVAL_MS,
      batchSize: env.OUTBOX_BATCH_SIZE,
      leaseMs: env.OUTBOX_LEASE_MS,
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
      backoff: { baseDelayMs: env.OUTBOX_RETRY_BASE_MS, maxDelayMs: env.OUTBOX_RETRY_MAX_MS },
      retentionMs: env.OUTBOX_RETENTION_MS,
      eventBusName: env.EVENT_BUS_NAME,
    };
  },
);

/** The relay's settings, as {@link outboxRelayConfig} reads them. */
export type OutboxRelayConfig = ReturnType<(typeof outboxRelayConfig)['read']>;
