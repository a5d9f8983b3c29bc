/**
 * How often, and how patiently, a store sends a DynamoDB call again that may succeed on the next
 * try (a batch's unprocessed remainder, a transaction cancelled for a conflict). Each store names
 * its own defaults; the pauses are computed here, once.
 */
export interface RetryPolicy {
  /** Calls in total, the first one included; after the last one the failure is an error. */
  readonly maxAttempts: number;
  /** Upper bound of the first pause; it doubles per attempt. */
  readonly baseDelayMs: number;
  /** Upper bound of any pause. */
  readonly maxDelayMs: number;
}

/**
 * The pause before retry number `retry` (1 = the first retry): uniformly random in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))`, exponential backoff with full jitter (AWS
 * Architecture Blog, "Exponential Backoff And Jitter"): callers that failed together do not come
 * back together.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
