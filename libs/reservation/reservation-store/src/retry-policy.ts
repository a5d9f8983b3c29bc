import type { RetryPolicy } from '@ticketing/stored-items';

/**
 * How patiently a transaction that DynamoDB cancelled for a transaction conflict (another
 * transaction was touching one of its items at that instant) is sent again before the store gives
 * up with a retryable error; nothing of a cancelled transaction was applied, so sending it again is
 * always safe. Three attempts, pauses up to 20 ms then 40 ms: a request path cannot wait long, and
 * a conflict that outlasts this is better answered as "retry" (503) than by holding the request open.
 */
export const defaultConflictRetryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200 };
