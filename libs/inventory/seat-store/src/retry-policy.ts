/**
 * How often, and how patiently, a batch call's unprocessed remainder is retried.
 *
 * DynamoDB hands back `UnprocessedItems`/`UnprocessedKeys` when a partition is throttling; the
 * SDK does not retry those, so the store does, with exponential backoff and full jitter (AWS
 * Architecture Blog, "Exponential Backoff And Jitter"): concurrent writers that were throttled
 * together do not come back together.
 */
export interface RetryPolicy {
  /** Calls in total, the first one included; after the last one the remainder is an error. */
  readonly maxAttempts: number;
  /** Upper bound of the first pause; it doubles per attempt. */
  readonly baseDelayMs: number;
  /** Upper bound of any pause. */
  readonly maxDelayMs: number;
}

/** Ten attempts, pauses up to 50 ms, 100 ms, … capped at 2 s: about 8 s of patience in the worst case. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 2_000 };

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
