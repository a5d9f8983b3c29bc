import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createIsolatedAwsResources } from '@ticketing/testing';

/** One test file's processed-events table and a document client for it. */
export interface FreshProcessedEventsTable {
  readonly documents: DynamoDBDocumentClient;
  /** Physical name: `<unique prefix>processed-events`. */
  readonly table: string;
  cleanup(): Promise<void>;
}

/** The processed-events table, provisioned by the harness under a prefix of its own; call `cleanup()` in afterAll. */
export async function freshProcessedEventsTable(): Promise<FreshProcessedEventsTable> {
  const aws = await createIsolatedAwsResources({ only: { tables: ['processed-events'] } });
  return { documents: aws.clients.documents, table: aws.tableName('processed-events'), cleanup: () => aws.cleanup() };
}
