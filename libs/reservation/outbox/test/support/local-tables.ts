import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableDefinition } from '@ticketing/resources';
import { createIsolatedAwsResources } from '@ticketing/testing';

/** Fresh tables (physical names by logical name) and a document client for them. */
export interface FreshTables {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly names: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** `definitions`' tables, provisioned by the harness under a prefix of their own. */
export async function freshTables(definitions: readonly TableDefinition[]): Promise<FreshTables> {
  const aws = await createIsolatedAwsResources({ only: { tables: definitions.map((definition) => definition.logicalName) } });
  return {
    client: aws.clients.dynamodb,
    documents: aws.clients.documents,
    names: Object.fromEntries(definitions.map((definition) => [definition.logicalName, aws.tableName(definition.logicalName)])),
    cleanup: () => aws.cleanup(),
  };
}
