import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AwsClients } from '@ticketing/aws';
import { EventBridgePublisher, OutboxStore } from '@ticketing/reservation-outbox';
import { outboxTable, physicalName, ticketingEventBus } from '@ticketing/resources';
import type { Logger, Registry } from '@ticketing/telemetry';
import type { OutboxRelayConfig } from '@ticketing/reservation-api-config';
import { createOutboxMetrics } from './outbox.metrics';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay';

/** What the reservation API hands the relay at boot. */
export interface OutboxRelayDependencies {
  readonly aws: Pick<AwsClients, 'documents' | 'eventBridge'>;
  /** `config.aws.resourcePrefix`: the outbox table and the default bus are named from it. */
  readonly resourcePrefix: string;
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  readonly logger: Logger;
}

/**
 * Builds the outbox store and the EventBridge publisher from configuration and starts the relay;
 * `undefined` when OUTBOX_RELAY_ENABLED is false. Stop it on shutdown before closing the AWS clients.
 *
 * @example
 * ```ts
 * const relay = startOutboxRelayFromConfig(config.outbox, { aws, resourcePrefix: config.aws.resourcePrefix, registry, logger });
 * app.addHook('onClose', async () => { await relay?.stop(); });
 * ```
 */
export function startOutboxRelayFromConfig(
  config: Readonly<OutboxRelayConfig>,
  dependencies: OutboxRelayDependencies,
): OutboxRelay | undefined {
  if (!config.enabled) return undefined;
  const { aws, resourcePrefix, registry, logger } = dependencies;
  const store = new OutboxStore(aws.documents, {
    table: physicalName(resourcePrefix, outboxTable.logicalName),
    retentionMs: config.retentionMs,
  });
  const publisher = new EventBridgePublisher(aws.eventBridge, {
    busName: config.eventBusName ?? physicalName(resourcePrefix, ticketingEventBus.logicalName),
    source: 'ticketing.reservation',
  });
  return startOutboxRelay({
    store,
    publisher,
    owner: relayOwner(),
    intervalMs: config.intervalMs,
    batchSize: config.batchSize,
    leaseMs: config.leaseMs,
    maxAttempts: config.maxAttempts,
    backoff: config.backoff,
    metrics: createOutboxMetrics(registry),
    logger: logger.child({ component: 'outbox-relay' }),
  });
}

/** The pod name (hostname in Kubernetes), pid and a random suffix: unique per relay instance. */
function relayOwner(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
