import { checkQueueReachable, checkTableReachable, createAwsClients } from '@ticketing/aws';
import { physicalName } from '@ticketing/resources';
import type { ReadinessCheck } from '@ticketing/telemetry';
import type { ReservationWorkerConfig } from './config';

/** The clients the worker talks to, and how to tell they are usable. */
export interface ReservationWorkerDependencies {
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/** Connects to the worker's queue and its processed-events table. */
export function connectReservationWorkerDependencies(
  config: ReservationWorkerConfig,
): ReservationWorkerDependencies {
  const aws = createAwsClients(config.aws);
  const queueName = physicalName(config.aws.resourcePrefix, 'reservation-worker');
  const processedEventsTable = physicalName(config.aws.resourcePrefix, 'processed-events');
  return {
    readinessChecks: [
      { name: 'sqs', check: () => checkQueueReachable(aws, queueName) },
      { name: 'dynamodb', check: () => checkTableReachable(aws, processedEventsTable) },
    ],
    close: async () => aws.destroy(),
  };
}
