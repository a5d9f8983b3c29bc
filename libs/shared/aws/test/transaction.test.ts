import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { provisionedTable } from '../src/provisioned-resources';
import { type FreshResources, freshResources } from './support/fresh-resources';

describe('TransactWriteItems on DynamoDB Local', () => {
  let fresh: FreshResources;
  let table: string;
  beforeEach(async () => {
    fresh = await freshResources({ only: { tables: ['inventory-seats'] } });
    table = provisionedTable(fresh.resources, 'inventory-seats').name;
  });
  afterEach(() => fresh.cleanup());

  const seat = (id: string) => ({ pk: 'EVENT#evt_1#SECTION#A', sk: `SEAT#${id}` });
  const available = { ':available': 'AVAILABLE', ':held': 'HELD', ':hold': 'rsv_new' };
  const takeSeat = (id: string) => ({
    Update: {
      TableName: table,
      Key: seat(id),
      UpdateExpression: 'SET #status = :held, hold_id = :hold',
      ConditionExpression: '#status = :available',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: available,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  });

  it('applies nothing when one condition fails, and says which item failed', async () => {
    for (const [id, status] of [['A-1', 'AVAILABLE'], ['A-2', 'HELD'], ['A-3', 'AVAILABLE']] as const) {
      const holder = status === 'HELD' ? { hold_id: 'rsv_other' } : {};
      await fresh.clients.documents.send(new PutCommand({ TableName: table, Item: { ...seat(id), status, ...holder } }));
    }

    const failure = await fresh.clients.documents
      .send(new TransactWriteCommand({ TransactItems: [takeSeat('A-1'), takeSeat('A-2'), takeSeat('A-3')] }))
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TransactionCanceledException);
    const reasons = (failure as TransactionCanceledException).CancellationReasons ?? [];
    expect(reasons.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect(reasons[1]?.Item).toMatchObject({ sk: { S: 'SEAT#A-2' }, status: { S: 'HELD' }, hold_id: { S: 'rsv_other' } });

    const after = await Promise.all(
      ['A-1', 'A-2', 'A-3'].map((id) => fresh.clients.documents.send(new GetCommand({ TableName: table, Key: seat(id) }))),
    );
    expect(after.map(({ Item }) => [Item?.['status'], Item?.['hold_id']])).toEqual([
      ['AVAILABLE', undefined],
      ['HELD', 'rsv_other'],
      ['AVAILABLE', undefined],
    ]);
  });
});
