import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../src/aws-clients.factory';
import { localAws } from './support/stand-ins';

describe('AWS call observers', () => {
  it('count each DynamoDB call once, by operation, through both the plain and the document client', async () => {
    const calls: string[] = [];
    const clients = createAwsClients(localAws, { onDynamoDbCall: (operation) => calls.push(operation) });
    try {
      await clients.dynamodb.send(new ListTablesCommand({ Limit: 1 }));
      await clients.documents
        .send(new GetCommand({ TableName: 'no-such-table', Key: { pk: 'a', sk: 'b' } }))
        .catch(() => undefined);
      expect(calls).toEqual(['ListTables', 'GetItem']);
    } finally {
      clients.destroy();
    }
  });
});
