import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableDefinition } from '@ticketing/resources';
import { isAwsError } from './aws-error';
import { pollUntil, type PollOptions } from './poll-until';
import { ResourceProvisioningError } from './provisioning.errors';
import type { ProvisionedTable } from './provisioned-resources';
import { enableTimeToLive } from './table-ttl.provisioner';

/**
 * Creates the table unless it exists, waits until it and its indexes are ACTIVE, then enables TTL.
 * Re-running is harmless; an existing table with other keys or indexes is reported, not altered,
 * because converging a table shape means a migration, not a provisioning step.
 */
export async function provisionTable(
  dynamodb: DynamoDBClient,
  definition: TableDefinition,
  name: string,
  wait: PollOptions,
): Promise<ProvisionedTable> {
  try {
    await dynamodb.send(new CreateTableCommand(createTableInput(definition, name)));
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUseException')) throw ResourceProvisioningError.from('create', 'table', name, error);
  }
  const table = await waitUntilActive(dynamodb, name, wait);
  assertSameShape(definition, table, name);
  if (definition.timeToLiveAttribute) await enableTimeToLive(dynamodb, name, definition.timeToLiveAttribute);
  if (!table.TableArn) throw new ResourceProvisioningError('describe', 'table', name, 'DynamoDB returned no ARN');
  return { logicalName: definition.logicalName, name, arn: table.TableArn };
}

/** Deletes the table; a table that is already gone counts as deleted. */
export async function deleteTable(dynamodb: DynamoDBClient, name: string): Promise<void> {
  try {
    await dynamodb.send(new DeleteTableCommand({ TableName: name }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw ResourceProvisioningError.from('delete', 'table', name, error);
  }
}

/** Whether the table exists (in any status, including DELETING). */
export async function tableExists(dynamodb: DynamoDBClient, name: string): Promise<boolean> {
  return (await describeTable(dynamodb, name)) !== undefined;
}

function createTableInput(definition: TableDefinition, name: string) {
  const keySchema = (partition: KeyAttribute, sort: KeyAttribute) => [
    { AttributeName: partition.name, KeyType: 'HASH' as const },
    { AttributeName: sort.name, KeyType: 'RANGE' as const },
  ];
  const indexes = definition.globalSecondaryIndexes;
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [definition.partitionKey, definition.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key);
  }
  return {
    TableName: name,
    BillingMode: definition.billingMode,
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    AttributeDefinitions: [...attributes.values()].map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    GlobalSecondaryIndexes:
      indexes.length === 0
        ? undefined
        : indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
  };
}

async function waitUntilActive(dynamodb: DynamoDBClient, name: string, wait: PollOptions): Promise<TableDescription> {
  const active = await pollUntil(async () => {
    const table = await describeTable(dynamodb, name);
    if (table?.TableStatus === 'DELETING') {
      throw new ResourceProvisioningError('create', 'table', name, 'it is being deleted; retry once it is gone');
    }
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    return table?.TableStatus === 'ACTIVE' && indexesActive ? table : undefined;
  }, wait);
  if (!active) {
    throw new ResourceProvisioningError('create', 'table', name, `not ACTIVE after ${wait.timeoutMs} ms`);
  }
  return active;
}

async function describeTable(dynamodb: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
    throw ResourceProvisioningError.from('describe', 'table', name, error);
  }
}

function assertSameShape(definition: TableDefinition, table: TableDescription, name: string): void {
  const keys = (table.KeySchema ?? []).map((key) => key.AttributeName).join(',');
  const indexes = (table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort().join(',');
  const wantedKeys = [definition.partitionKey.name, definition.sortKey.name].join(',');
  const wantedIndexes = definition.globalSecondaryIndexes.map((index) => index.name).sort().join(',');
  if (keys !== wantedKeys || indexes !== wantedIndexes) {
    throw new ResourceProvisioningError(
      'provision',
      'table',
      name,
      `it exists with keys [${keys}] and indexes [${indexes}], defined are [${wantedKeys}] and [${wantedIndexes}]`,
    );
  }
}
