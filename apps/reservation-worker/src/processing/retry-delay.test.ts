import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './retry-delay';

const settings = { baseSeconds: 2, maxSeconds: 60 };

describe('retryDelaySeconds', () => {
  it('doubles the ceiling with every delivery', () => {
    expect([1, 2, 3, 4].map((count) => retryDelaySeconds(count, settings, () => 1))).toEqual([2, 4, 8, 16]);
  });

  it('jitters within the upper half, so a later delivery never waits less than an earlier one could', () => {
    expect([1, 2, 3, 4].map((count) => retryDelaySeconds(count, settings, () => 0))).toEqual([1, 2, 4, 8]);
    expect(retryDelaySeconds(4, settings, () => 0.5)).toBe(12);
  });

  it('stops growing at the maximum and never goes below a second', () => {
    expect(retryDelaySeconds(20, settings, () => 1)).toBe(60);
    expect(retryDelaySeconds(1, { baseSeconds: 0, maxSeconds: 1 }, () => 0)).toBe(1);
  });
});
