import { describe, expect, it } from 'vitest';
import { defaultConflictRetryPolicy } from './retry-policy';

describe('defaultConflictRetryPolicy', () => {
  it('retries a conflict a few times, not forever', () => {
    expect(defaultConflictRetryPolicy.maxAttempts).toBeGreaterThan(1);
    expect(defaultConflictRetryPolicy.maxAttempts).toBeLessThanOrEqual(5);
  });
});
