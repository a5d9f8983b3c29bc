import type { RetryPolicy } from '@ticketing/stored-items';

/**
 * How patiently a batch call's unprocessed remainder is retried. DynamoDB hands back
 * `UnprocessedItems`/`UnprocessedKeys` when a partition is throttling; the SDK does not retry
 * those, so the store does. Ten attempts, pauses up to 50 ms, 100 ms, … capped at 2 s: about 8 s
 * of patience in the worst case.
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 2_000 };
