import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './retry-policy';

describe('backoffDelayMs', () => {
  const policy = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 2_000 };

  it('doubles the ceiling per retry and caps it', () => {
    const ceiling = (retry: number) => backoffDelayMs(retry, policy, () => 0.999_999) + 1;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(ceiling)).toEqual([50, 100, 200, 400, 800, 1600, 2000, 2000]);
  });

  it('spreads pauses over [0, ceiling) (full jitter)', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(100);
  });
});
