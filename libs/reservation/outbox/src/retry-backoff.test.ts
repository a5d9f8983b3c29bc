import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-backoff';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, between half the ceiling and the ceiling', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBe(999);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, policy, () => 0.999999)).toBe(3_999);
  });

  it('never exceeds the cap and never retries at once', () => {
    for (let attempts = 1; attempts <= 40; attempts += 1) {
      const delay = retryDelayMs(attempts, policy);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
    expect(retryDelayMs(40, policy, () => 0)).toBe(30_000);
  });
});
