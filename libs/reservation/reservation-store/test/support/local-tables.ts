import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIsolatedAwsResources } from '@ticketing/testing';

/** Physical names of one test file's tables. */
export interface ReservationTables {
  readonly reservationsTable: string;
  readonly ordersTable: string;
  readonly idempotencyTable: string;
}

/** Fresh tables and a document client for them. */
export interface FreshReservationTables {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: ReservationTables;
  cleanup(): Promise<void>;
}

/** The reservations, orders and idempotency-records tables, provisioned by the harness under a prefix of their own. */
export async function freshReservationTables(): Promise<FreshReservationTables> {
  const aws = await createIsolatedAwsResources({ only: { tables: ['reservations', 'orders', 'idempotency-records'] } });
  return {
    client: aws.clients.dynamodb,
    documents: aws.clients.documents,
    tables: {
      reservationsTable: aws.tableName('reservations'),
      ordersTable: aws.tableName('orders'),
      idempotencyTable: aws.tableName('idempotency-records'),
    },
    cleanup: () => aws.cleanup(),
  };
}
