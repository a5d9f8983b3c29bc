import { describe, expect, it } from 'vitest';
import { countSeats } from './seat-counts';

describe('countSeats', () => {
  it('counts each status and the total', () => {
    expect(countSeats(['AVAILABLE', 'HELD', 'AVAILABLE', 'SOLD', 'BLOCKED', 'SOLD', 'SOLD'])).toEqual({
      available: 2,
      held: 1,
      sold: 3,
      blocked: 1,
      total: 7,
    });
  });

  it('counts nothing as zeros, and takes any iterable', () => {
    expect(countSeats([])).toEqual({ available: 0, held: 0, sold: 0, blocked: 0, total: 0 });
    expect(countSeats(new Set(['HELD'] as const)).held).toBe(1);
  });
});
