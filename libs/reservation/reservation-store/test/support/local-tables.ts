import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  idempotencyRecordsTable,
  ordersTable,
  physicalName,
  reservationsTable,
  type TableDefinition,
} from '@ticketing/resources';

/*
 * A minimal twin of @ticketing/aws's table provisioning, on purpose: a data-access lib may depend
 * on util libs only, tests included, so this lib cannot import @ticketing/aws or @ticketing/testing.
 * It builds the reservation API's reservations, orders and idempotency-records tables from the
 * same definitions production uses, under a prefix of their own, on DynamoDB Local
 * (DYNAMODB_ENDPOINT, default http://127.0.0.1:8000).
 */

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

const endpoint = process.env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000';

/** A DynamoDB client for DynamoDB Local with dummy credentials. */
export function localDynamoClient(): DynamoDBClient {
  return new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A document client as the apps build it: `undefined` attributes are dropped. */
export function documentClientFor(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Creates the three tables (with gsi1 and TTL as defined) under a unique prefix. */
export async function freshReservationTables(): Promise<FreshReservationTables> {
  const client = localDynamoClient();
  const prefix = `t-${randomBytes(4).toString('hex')}-`;
  const definitions = [reservationsTable, ordersTable, idempotencyRecordsTable];
  const names = definitions.map((definition) => physicalName(prefix, definition.logicalName));
  await Promise.all(definitions.map((definition, index) => createTable(client, definition, names[index] as string)));
  const [reservations, orders, idempotency] = names as [string, string, string];
  return {
    client,
    documents: documentClientFor(client),
    tables: { reservationsTable: reservations, ordersTable: orders, idempotencyTable: idempotency },
    async cleanup() {
      await Promise.all(names.map((name) => client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined)));
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
