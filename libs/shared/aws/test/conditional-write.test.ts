import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { provisionedTable } from '../src/provisioned-resources';
import { type FreshResources, freshResources } from './support/fresh-resources';

describe('conditional writes on DynamoDB Local', () => {
  let fresh: FreshResources;
  let table: string;
  beforeEach(async () => {
    fresh = await freshResources({ only: { tables: ['inventory-seats'] } });
    table = provisionedTable(fresh.resources, 'inventory-seats').name;
  });
  afterEach(() => fresh.cleanup());

  const key = { pk: 'EVENT#evt_1#SECTION#A', sk: 'SEAT#A-1' };

  it('rejects a second put with attribute_not_exists and returns the existing item', async () => {
    const claim = (holdId: string) =>
      fresh.clients.documents.send(
        new PutCommand({
          TableName: table,
          Item: { ...key, status: 'HELD', hold_id: holdId },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    await claim('rsv_first');

    const failure = await claim('rsv_second').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
    expect((failure as ConditionalCheckFailedException).Item?.['hold_id']).toEqual({ S: 'rsv_first' });
    const stored = await fresh.clients.documents.send(new GetCommand({ TableName: table, Key: key }));
    expect(stored.Item?.['hold_id']).toBe('rsv_first');
  });

  it('rejects an update whose condition does not hold, leaving the item unchanged', async () => {
    await fresh.clients.documents.send(new PutCommand({ TableName: table, Item: { ...key, status: 'SOLD' } }));

    const failure = await fresh.clients.documents
      .send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: 'SET #status = :held',
          ConditionExpression: '#status = :available',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':held': 'HELD', ':available': 'AVAILABLE' },
        }),
      )
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
    const stored = await fresh.clients.documents.send(new GetCommand({ TableName: table, Key: key }));
    expect(stored.Item?.['status']).toBe('SOLD');
  });
});
