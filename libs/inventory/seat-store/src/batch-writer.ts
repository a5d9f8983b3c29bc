import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inventoryThrottled } from '@ticketing/inventory-domain';
import { forEachConcurrently } from '@ticketing/stored-items';
import { translateDynamoError } from './dynamo-errors';
import { backoffDelayMs, type RetryPolicy, sleep } from '@ticketing/stored-items';
import { defaultRetryPolicy } from './retry-policy';

/** DynamoDB's limit of requests per BatchWriteItem call. */
const itemsPerBatch = 25;

/** One item to put, and where. */
export interface TableItem {
  readonly tableName: string;
  readonly item: Record<string, unknown>;
}

/** How {@link putAll} spreads and retries its calls. */
export interface BatchWriteOptions {
  /** BatchWriteItem calls in flight at once. */
  readonly concurrency: number;
  readonly retry?: RetryPolicy;
  /**
   * Awaited before every call (first tries and retries alike). A failure aborts the whole write:
   * the event store uses it to stop writing seats as soon as it no longer owns the creation lease.
   */
  readonly beforeEachCall?: () => Promise<void>;
}

type WriteRequests = Record<string, { PutRequest: { Item: Record<string, unknown> } }[]>;

/**
 * Puts every item with BatchWriteItem: 25 per call, `concurrency` calls in flight, and each call's
 * `UnprocessedItems` retried with exponential backoff and full jitter until
 * `retry.maxAttempts` — after that the write fails with INVENTORY_THROTTLED and the caller may run
 * it again (every put is unconditional and idempotent).
 *
 * Items of different tables may share one call. Unconditional puts overwrite: only use this for
 * items nobody else writes yet (a CREATING event's seats).
 */
export async function putAll(
  documents: DynamoDBDocumentClient,
  items: readonly TableItem[],
  options: BatchWriteOptions,
): Promise<void> {
  const batches: TableItem[][] = [];
  for (let start = 0; start < items.length; start += itemsPerBatch) batches.push(items.slice(start, start + itemsPerBatch));
  await forEachConcurrently(batches, options.concurrency, (batch) => writeBatch(documents, batch, options));
}

async function writeBatch(documents: DynamoDBDocumentClient, batch: readonly TableItem[], options: BatchWriteOptions) {
  const policy = options.retry ?? defaultRetryPolicy;
  let pending: WriteRequests = {};
  for (const { tableName, item } of batch) (pending[tableName] ??= []).push({ PutRequest: { Item: item } });
  for (let attempt = 1; ; attempt++) {
    await options.beforeEachCall?.();
    let unprocessed: WriteRequests;
    try {
      const response = await documents.send(new BatchWriteCommand({ RequestItems: pending }));
      unprocessed = (response.UnprocessedItems ?? {}) as WriteRequests;
    } catch (error) {
      throw translateDynamoError(error, 'write a batch of items');
    }
    if (Object.values(unprocessed).every((requests) => requests.length === 0)) return;
    if (attempt >= policy.maxAttempts) throw inventoryThrottled();
    pending = unprocessed;
    await sleep(backoffDelayMs(attempt, policy));
  }
}
