import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { physicalName, processedEventsTable } from '@ticketing/resources';

/*
 * A minimal twin of @ticketing/aws's table provisioning, on purpose: a data-access lib may depend
 * on util libs only, tests included (@nx/enforce-module-boundaries), so this lib cannot import
 * @ticketing/aws or @ticketing/testing. It builds the processed-events table from the definition
 * production uses, under a prefix of its own, on DynamoDB Local (DYNAMODB_ENDPOINT, default
 * http://127.0.0.1:8000), with TTL on as in production.
 */

/** One test file's processed-events table and a document client for it. */
export interface FreshProcessedEventsTable {
  readonly documents: DynamoDBDocumentClient;
  /** Physical name: `<unique prefix>processed-events`. */
  readonly table: string;
  cleanup(): Promise<void>;
}

const endpoint = process.env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000';

/** Creates the processed-events table under a unique prefix; call `cleanup()` in afterAll. */
export async function freshProcessedEventsTable(): Promise<FreshProcessedEventsTable> {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const definition = processedEventsTable;
  const table = physicalName(`t-${randomBytes(4).toString('hex')}-`, definition.logicalName);
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: definition.billingMode,
      KeySchema: [
        { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [definition.partitionKey, definition.sortKey].map((attribute) => ({
        AttributeName: attribute.name,
        AttributeType: attribute.type,
      })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: table });
  if (definition.timeToLiveAttribute !== undefined) {
    // TTL on, as in production: a record written with an expiry in the past would vanish within
    // seconds on DynamoDB Local and make a test fail — exactly the bug it should catch.
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { Enabled: true, AttributeName: definition.timeToLiveAttribute },
      }),
    );
  }
  return {
    // As the apps build it (@ticketing/aws): `undefined` attributes are dropped.
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    table,
    async cleanup() {
      await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      client.destroy();
    },
  };
}
