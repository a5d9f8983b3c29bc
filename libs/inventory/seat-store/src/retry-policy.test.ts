import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from './retry-policy';

describe('defaultRetryPolicy', () => {
  it('defaults to a bounded number of attempts', () => {
    expect(defaultRetryPolicy.maxAttempts).toBeGreaterThan(1);
    expect(defaultRetryPolicy.maxAttempts).toBeLessThanOrEqual(20);
  });
});
