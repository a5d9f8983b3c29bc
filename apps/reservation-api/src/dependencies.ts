import { checkTableReachable, createAwsClients } from '@ticketing/aws';
import { physicalName } from '@ticketing/resources';
import type { ReadinessCheck } from '@ticketing/telemetry';
import type { ReservationApiConfig } from './config';

/** The clients the reservation API talks to, and how to tell they are usable. */
export interface ReservationApiDependencies {
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/** Connects to the reservation API's own DynamoDB tables. */
export function connectReservationApiDependencies(config: ReservationApiConfig): ReservationApiDependencies {
  const aws = createAwsClients(config.aws);
  const reservationsTable = physicalName(config.aws.resourcePrefix, 'reservations');
  return {
    readinessChecks: [{ name: 'dynamodb', check: () => checkTableReachable(aws, reservationsTable) }],
    close: async () => aws.destroy(),
  };
}
