import { describe, expect, it } from 'vitest';
import { failureOf } from '../test/failure-of';
import { holdTtlBoundsAreConsistent, resolveHoldTtl } from './hold-ttl.policy';

const bounds = { defaultMs: 600_000, minMs: 60_000, maxMs: 900_000 };

describe('resolveHoldTtl', () => {
  it('uses the default when no ttl was requested', () => {
    expect(resolveHoldTtl(undefined, bounds)).toBe(600_000);
  });

  it('keeps a ttl within bounds, rounding up to whole milliseconds', () => {
    expect(resolveHoldTtl(120_000, bounds)).toBe(120_000);
    expect(resolveHoldTtl(120_000.2, bounds)).toBe(120_001);
  });

  it('clamps a ttl outside the bounds', () => {
    expect(resolveHoldTtl(1, bounds)).toBe(60_000);
    expect(resolveHoldTtl(3_600_000, bounds)).toBe(900_000);
    expect(resolveHoldTtl(Number.POSITIVE_INFINITY, bounds)).toBe(900_000);
  });

  it.each([0, -1, Number.NaN])('rejects %s with VALIDATION_FAILED on ttl', (requestedMs) => {
    const error = failureOf(() => resolveHoldTtl(requestedMs, bounds));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details['field']).toBe('ttl');
  });
});

describe('holdTtlBoundsAreConsistent', () => {
  it('accepts consistent bounds', () => {
    expect(holdTtlBoundsAreConsistent(bounds)).toBe(true);
    expect(holdTtlBoundsAreConsistent({ defaultMs: 1, minMs: 1, maxMs: 1 })).toBe(true);
  });

  it.each([
    { defaultMs: 600_000, minMs: 0, maxMs: 900_000 },
    { defaultMs: 30_000, minMs: 60_000, maxMs: 900_000 },
    { defaultMs: 1_000_000, minMs: 60_000, maxMs: 900_000 },
    { defaultMs: 600_000.5, minMs: 60_000, maxMs: 900_000 },
  ])('rejects misconfigured bounds %o', (misconfigured) => {
    expect(holdTtlBoundsAreConsistent(misconfigured)).toBe(false);
  });
});
