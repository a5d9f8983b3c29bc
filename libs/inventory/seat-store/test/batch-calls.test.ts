import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAll } from '../src/batch-reader';
import { putAll } from '../src/batch-writer';
import { documentClientFor } from '@ticketing/testing';
import { type FreshInventoryTables, freshInventoryTables, localDynamoClient } from './support/local-tables';

/*
 * DynamoDB Local never throttles, so these tests make it look like it does: a middleware on a real
 * client withholds part of a batch from DynamoDB and hands it back as UnprocessedItems /
 * UnprocessedKeys, exactly what a throttled partition returns. DynamoDB itself still does the work.
 */
describe('batch calls with unprocessed remainders', () => {
  let fresh: FreshInventoryTables;
  beforeAll(async () => {
    fresh = await freshInventoryTables();
  });
  afterAll(() => fresh.cleanup());

  const fastRetry = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 10 };
  const items = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ pk: `${prefix}`, sk: `SEAT#${String(i).padStart(4, '0')}`, n: i }));

  it('retries unprocessed items until every item is written', async () => {
    const { documents, calls } = throttlingDocuments({ withholdFirstCalls: 3 });
    const written = items('P#write', 120);

    await putAll(documents, written.map((item) => ({ tableName: fresh.tables.seatsTable, item })), {
      concurrency: 4,
      retry: fastRetry,
    });

    expect(calls.batchWrites).toBeGreaterThan(5); // 5 batches of 25, plus the retries
    const read = await getAll(fresh.documents, fresh.tables.seatsTable, written, { concurrency: 2 });
    expect(read.map((item) => item['n']).sort((a, b) => Number(a) - Number(b))).toEqual(written.map((item) => item.n));
  });

  it('gives up with INVENTORY_THROTTLED after the last attempt', async () => {
    const { documents } = throttlingDocuments({ withholdFirstCalls: Number.POSITIVE_INFINITY });
    await expect(
      putAll(documents, items('P#never', 30).map((item) => ({ tableName: fresh.tables.seatsTable, item })), {
        concurrency: 2,
        retry: { ...fastRetry, maxAttempts: 3 },
      }),
    ).rejects.toMatchObject({ code: 'INVENTORY_THROTTLED' });
  });

  it('reads every key across several calls, retrying unprocessed keys, once per duplicate, skipping missing ones', async () => {
    const stored = items('P#read', 230);
    await putAll(fresh.documents, stored.map((item) => ({ tableName: fresh.tables.seatsTable, item })), { concurrency: 8 });
    const { documents, calls } = throttlingDocuments({ withholdFirstCalls: 2 });
    const keys = [...stored, ...stored.slice(0, 10), { pk: 'P#read', sk: 'SEAT#missing' }].map(({ pk, sk }) => ({ pk, sk }));

    const read = await getAll(documents, fresh.tables.seatsTable, keys, { concurrency: 3, retry: fastRetry });

    expect(calls.batchGets).toBeGreaterThan(3);
    expect(read).toHaveLength(230);
    expect(new Set(read.map((item) => item['sk'])).size).toBe(230);
  });

  /** A document client whose first `withholdFirstCalls` batch calls get only half their requests through. */
  function throttlingDocuments(options: { withholdFirstCalls: number }): {
    documents: DynamoDBDocumentClient;
    calls: { batchWrites: number; batchGets: number };
  } {
    const client = localDynamoClient();
    const calls = { batchWrites: 0, batchGets: 0 };
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        if (context.commandName === 'BatchWriteItemCommand') {
          const call = ++calls.batchWrites;
          if (call > options.withholdFirstCalls) return next(args);
          const [sent, withheld] = split(input['RequestItems'] as Record<string, unknown[]>);
          const result = await next({ ...args, input: { ...input, RequestItems: sent } as typeof args.input });
          Object.assign(result.output as object, { UnprocessedItems: withheld });
          return result;
        }
        if (context.commandName === 'BatchGetItemCommand') {
          const call = ++calls.batchGets;
          const requests = input['RequestItems'] as Record<string, { Keys: unknown[] }>;
          if (call > options.withholdFirstCalls) return next(args);
          const [table, request] = Object.entries(requests)[0] as [string, { Keys: unknown[] }];
          const half = Math.ceil(request.Keys.length / 2);
          const sent = { [table]: { ...request, Keys: request.Keys.slice(0, half) } };
          const result = await next({ ...args, input: { ...input, RequestItems: sent } as typeof args.input });
          Object.assign(result.output as object, { UnprocessedKeys: { [table]: { ...request, Keys: request.Keys.slice(half) } } });
          return result;
        }
        return next(args);
      },
      { step: 'initialize', name: 'simulatedThrottling' },
    );
    return { documents: documentClientFor(client), calls };
  }
});

function split(requestItems: Record<string, unknown[]>): [Record<string, unknown[]>, Record<string, unknown[]>] {
  const sent: Record<string, unknown[]> = {};
  const withheld: Record<string, unknown[]> = {};
  for (const [table, requests] of Object.entries(requestItems)) {
    const half = Math.ceil(requests.length / 2);
    sent[table] = requests.slice(0, half);
    if (requests.length > half) withheld[table] = requests.slice(half);
  }
  return [sent, withheld];
}
