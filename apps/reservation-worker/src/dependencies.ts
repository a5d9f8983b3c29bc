import { checkQueueReachable, checkTableReachable, createAwsClients } from '@ticketing/aws';
import { InventoryGateway } from '@ticketing/inventory-contract';
import { ProcessedEventStore } from '@ticketing/processed-event-store';
import { physicalName } from '@ticketing/resources';
import { MessageSettler, queueUrlOf } from '@ticketing/sqs-queue';
import type { ReadinessCheck } from '@ticketing/telemetry';
import type { ReservationWorkerConfig } from '@ticketing/reservation-worker-config';
import { ReservationApiClient } from './reservation-api/reservation-api.client';
import { ServiceTokenFile } from '@ticketing/service-identity';

/** The clients the worker talks to, and how to tell they are usable. */
export interface ReservationWorkerDependencies {
  readonly aws: ReturnType<typeof createAwsClients>;
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  readonly processedEvents: ProcessedEventStore;
  readonly api: ReservationApiClient;
  readonly inventory: InventoryGateway;
  readonly readinessChecks: readonly ReadinessCheck[];
  /** The settler of the worker's queue (resolves both queue URLs on first use). */
  settler(): Promise<{ readonly settler: MessageSettler; readonly queueUrl: string }>;
  close(): Promise<void>;
}

/** Connects to the worker's queues and table, the reservation API and the inventory. */
export function connectReservationWorkerDependencies(config: ReservationWorkerConfig): ReservationWorkerDependencies {
  const aws = createAwsClients(config.aws);
  const queueName = physicalName(config.aws.resourcePrefix, 'reservation-worker');
  const deadLetterQueueName = physicalName(config.aws.resourcePrefix, 'reservation-worker-dlq');
  const processedEventsTable = physicalName(config.aws.resourcePrefix, 'processed-events');
  const processedEvents = new ProcessedEventStore(aws.documents, processedEventsTable, {
    // A claim outlives the handler's deadline, so a live handler is never overtaken.
    leaseMs: config.consumer.handlerTimeoutMs + 10_000,
    retentionMs: config.retry.processedEventRetentionMs,
  });
  const api = new ReservationApiClient(config.reservationApi, new ServiceTokenFile(config.reservationApi.tokenFile));
  const inventory = new InventoryGateway(config.inventory);
  let queues: Promise<{ settler: MessageSettler; queueUrl: string }> | undefined;
  return {
    aws,
    queueName,
    deadLetterQueueName,
    processedEvents,
    api,
    inventory,
    readinessChecks: [
      { name: 'sqs', check: () => checkQueueReachable(aws, queueName) },
      { name: 'dynamodb', check: () => checkTableReachable(aws, processedEventsTable) },
    ],
    settler: () =>
      (queues ??= (async () => {
        const [queueUrl, deadLetterQueueUrl] = await Promise.all([queueUrlOf(aws.sqs, queueName), queueUrlOf(aws.sqs, deadLetterQueueName)]);
        return { settler: new MessageSettler(aws.sqs, queueUrl, deadLetterQueueUrl), queueUrl };
      })().catch((error: unknown) => {
        queues = undefined;
        throw error;
      })),
    close: async () => {
      api.close();
      inventory.close();
      aws.destroy();
    },
  };
}
