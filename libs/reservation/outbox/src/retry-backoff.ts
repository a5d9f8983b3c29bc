/**
 * How long a failed event waits before a relay tries it again: exponential in the attempts so far,
 * capped, with jitter so the events of one failed PutEvents call (or of one outage) do not all
 * come back in the same instant.
 */
export interface RetryBackoffPolicy {
  /** The pause after the first failed attempt, before jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of any pause. */
  readonly maxDelayMs: number;
}

/** 1 s, 2 s, 4 s, … capped at 5 minutes. */
export const defaultRetryBackoff: RetryBackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/**
 * The pause after failed attempt number `attempts` (1 = the first attempt failed): "equal jitter"
 * (AWS Architecture Blog, "Exponential Backoff And Jitter") — uniformly random in
 * `[ceiling / 2, ceiling)` with `ceiling = min(maxDelayMs, baseDelayMs · 2^(attempts−1))`. Unlike
 * full jitter it never retries at once, which would hammer a bus that just refused the event.
 *
 * @example
 * retryDelayMs(3, { baseDelayMs: 1_000, maxDelayMs: 300_000 }); // between 2,000 and 4,000
 */
export function retryDelayMs(attempts: number, policy: RetryBackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}
