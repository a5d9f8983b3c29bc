import { checkTableReachable, createAwsClients, type AwsClients } from '@ticketing/aws';
import { IdempotencyStore, ReservationStore } from '@ticketing/reservation-store';
import { physicalName } from '@ticketing/resources';
import type { ReadinessCheck } from '@ticketing/telemetry';
import type { ReservationApiConfig } from './config';
import { InventoryGateway } from './inventory/inventory-gateway';

/** The clients and stores the reservation API talks to, and how to tell they are usable. */
export interface ReservationApiDependencies {
  readonly aws: AwsClients;
  readonly inventory: InventoryGateway;
  readonly reservations: ReservationStore;
  readonly idempotency: IdempotencyStore;
  readonly outboxTable: string;
  readonly readinessChecks: readonly ReadinessCheck[];
  close(): Promise<void>;
}

/** Connects to the API's own DynamoDB tables and to the inventory service. */
export function connectReservationApiDependencies(config: ReservationApiConfig): ReservationApiDependencies {
  const aws = createAwsClients(config.aws);
  const table = (name: string) => physicalName(config.aws.resourcePrefix, name);
  const inventory = new InventoryGateway(config.inventory);
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
    readinessChecks: [
      { name: 'dynamodb', check: () => checkTableReachable(aws, table('reservations')) },
      { name: 'inventory', check: () => inventory.checkReachable() },
    ],
    close: async () => {
      inventory.close();
      aws.destroy();
    },
  };
}
