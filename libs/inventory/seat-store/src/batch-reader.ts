import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inventoryThrottled } from '@ticketing/inventory-domain';
import { mapConcurrently } from '@ticketing/stored-items';
import { translateDynamoError } from './dynamo-errors';
import type { ItemKey } from './item-keys';
import { backoffDelayMs, type RetryPolicy, sleep } from '@ticketing/stored-items';
import { defaultRetryPolicy } from './retry-policy';

/** DynamoDB's limit of keys per BatchGetItem call. */
const keysPerBatch = 100;

/** How {@link getAll} reads. */
export interface BatchGetOptions {
  readonly concurrency: number;
  readonly retry?: RetryPolicy;
}

/**
 * Reads items by key with strongly consistent BatchGetItem: 100 keys per call, `concurrency` calls
 * in flight, `UnprocessedKeys` retried with backoff and jitter (INVENTORY_THROTTLED after
 * `retry.maxAttempts`). Duplicate keys are read once (DynamoDB rejects them). Returns the items
 * that exist, in no particular order.
 */
export async function getAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  options: BatchGetOptions,
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, { pk: key.pk, sk: key.sk }])).values()];
  const batches: { pk: string; sk: string }[][] = [];
  for (let start = 0; start < unique.length; start += keysPerBatch) batches.push(unique.slice(start, start + keysPerBatch));
  const results = await mapConcurrently(batches, options.concurrency, (batch) =>
    readBatch(documents, tableName, batch, options.retry ?? defaultRetryPolicy),
  );
  return results.flat();
}

async function readBatch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  batch: readonly { pk: string; sk: string }[],
  policy: RetryPolicy,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] = [...batch];
  for (let attempt = 1; ; attempt++) {
    let unprocessed: Record<string, unknown>[];
    try {
      const response = await documents.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(response.Responses?.[tableName] ?? []));
      unprocessed = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
    } catch (error) {
      throw translateDynamoError(error, 'read a batch of items');
    }
    if (unprocessed.length === 0) return found;
    if (attempt >= policy.maxAttempts) throw inventoryThrottled();
    pending = unprocessed;
    await sleep(backoffDelayMs(attempt, policy));
  }
}
