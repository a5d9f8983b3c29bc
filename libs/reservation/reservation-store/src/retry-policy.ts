/**
 * How often, and how patiently, a transaction that DynamoDB cancelled for a transaction conflict
 * (another transaction was touching one of its items at that instant) is sent again before the
 * store gives up with a retryable error.
 *
 * Nothing of a cancelled transaction was applied, so sending it again is always safe. Pauses use
 * exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * writers that collided together do not come back together.
 */
export interface RetryPolicy {
  /** Calls in total, the first one included; after the last one the conflict is an error. */
  readonly maxAttempts: number;
  /** Upper bound of the first pause; it doubles per attempt. */
  readonly baseDelayMs: number;
  /** Upper bound of any pause. */
  readonly maxDelayMs: number;
}

/**
 * Three attempts, pauses up to 20 ms then 40 ms: a request path cannot wait long, and a conflict
 * that outlasts this is better answered as "retry" (503) than by holding the request open.
 */
export const defaultConflictRetryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200 };

/**
 * The pause before retry number `retry` (1 = the first retry): uniformly random in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))` ("full jitter").
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
