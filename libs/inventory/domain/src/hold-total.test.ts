import { describe, expect, it } from 'vitest';
import { holdTotal } from './hold-total';

const priced = (seatId: string, amountMinor: number, currency = 'EUR') => ({ seatId, price: { amountMinor, currency } });

describe('holdTotal', () => {
  it('sums prices exactly in minor units', () => {
    // 0.1 + 0.2 in floating point would not be 0.3; minor units are exact.
    expect(holdTotal([priced('A-1', 10), priced('A-2', 20)])).toEqual({ amountMinor: 30, currency: 'EUR' });
    expect(holdTotal([priced('A-1', 4990), priced('A-2', 0), priced('A-3', 4990)])).toEqual({ amountMinor: 9980, currency: 'EUR' });
  });

  it('refuses mixed currencies rather than add them', () => {
    expect(() => holdTotal([priced('A-1', 10), priced('A-2', 10, 'USD')])).toThrow(/A-2 is priced in USD/);
  });

  it('refuses an empty hold and a sum beyond exact integers', () => {
    expect(() => holdTotal([])).toThrow(RangeError);
    expect(() => holdTotal([priced('A-1', Number.MAX_SAFE_INTEGER), priced('A-2', 1)])).toThrow(RangeError);
  });
});
