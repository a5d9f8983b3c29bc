import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIsolatedAwsResources, localAwsClients } from '@ticketing/testing';

/** Physical names of one test file's tables. */
export interface InventoryTables {
  readonly eventsTable: string;
  readonly seatsTable: string;
  readonly holdsTable: string;
}

/** Fresh inventory tables and a document client for them. */
export interface FreshInventoryTables {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly tables: InventoryTables;
  cleanup(): Promise<void>;
}

/** A DynamoDB client of DynamoDB Local, for a test that wraps or breaks one of its own; the caller destroys it. */
export function localDynamoClient(): DynamoDBClient {
  return localAwsClients().dynamodb;
}

/** The events, seats and holds tables, provisioned by the harness under a prefix of their own. */
export async function freshInventoryTables(): Promise<FreshInventoryTables> {
  const aws = await createIsolatedAwsResources({ only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds'] } });
  return {
    client: aws.clients.dynamodb,
    documents: aws.clients.documents,
    tables: {
      eventsTable: aws.tableName('inventory-events'),
      seatsTable: aws.tableName('inventory-seats'),
      holdsTable: aws.tableName('inventory-holds'),
    },
    cleanup: () => aws.cleanup(),
  };
}
