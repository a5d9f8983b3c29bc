import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { physicalName, type TableDefinition } from '@ticketing/resources';

/*
 * A minimal twin of @ticketing/aws's table provisioning, on purpose: a data-access lib may depend
 * on util libs only, tests included, so this lib cannot import @ticketing/aws or @ticketing/testing.
 * It builds tables from the same definitions production uses, under a prefix of their own, on
 * DynamoDB Local (DYNAMODB_ENDPOINT, default http://127.0.0.1:8000), with TTL on as in production.
 */

/** Fresh tables (physical names by logical name) and a document client for them. */
export interface FreshTables {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly names: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}

const endpoint = process.env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000';

/** A DynamoDB client for DynamoDB Local with dummy credentials. */
export function localDynamoClient(): DynamoDBClient {
  return new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates `definitions` (with gsi1 and TTL as defined) under a unique prefix. */
export async function freshTables(definitions: readonly TableDefinition[]): Promise<FreshTables> {
  const client = localDynamoClient();
  const prefix = `t-${randomBytes(4).toString('hex')}-`;
  const names = Object.fromEntries(
    definitions.map((definition) => [definition.logicalName, physicalName(prefix, definition.logicalName)]),
  );
  await Promise.all(definitions.map((definition) => createTable(client, definition, names[definition.logicalName] as string)));
  return {
    client,
    // As the apps build it (@ticketing/aws): `undefined` attributes are dropped.
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    names,
    async cleanup() {
      await Promise.all(
        Object.values(names).map((name) => client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined)),
      );
      client.destroy();
    },
  };
}

async function createTable(client: DynamoDBClient, definition: TableDefinition, name: string): Promise<void> {
  const key = (partition: string, sort: string) => [
    { AttributeName: partition, KeyType: 'HASH' as const },
    { AttributeName: sort, KeyType: 'RANGE' as const },
  ];
  const indexKeys = definition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]);
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: definition.billingMode,
      KeySchema: key(definition.partitionKey.name, definition.sortKey.name),
      AttributeDefinitions: [definition.partitionKey, definition.sortKey, ...indexKeys].map((attribute) => ({
        AttributeName: attribute.name,
        AttributeType: attribute.type,
      })),
      GlobalSecondaryIndexes:
        definition.globalSecondaryIndexes.length === 0
          ? undefined
          : definition.globalSecondaryIndexes.map((index) => ({
              IndexName: index.name,
              KeySchema: key(index.partitionKey.name, index.sortKey.name),
              Projection: { ProjectionType: 'ALL' as const },
            })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: name });
  if (definition.timeToLiveAttribute !== undefined) {
    // TTL on, as in production: an item written with an expiry in the past would vanish within
    // seconds on DynamoDB Local and make a test fail — exactly the bug it should catch.
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLiveAttribute },
      }),
    );
  }
}
