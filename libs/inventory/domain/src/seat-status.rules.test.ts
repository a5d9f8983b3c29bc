import { describe, expect, it } from 'vitest';
import { isPastExpiry } from './expiry.rules';
import { effectiveSeatStatus } from './seat-status.rules';

const now = new Date('2026-05-01T10:00:00.000Z');
const before = new Date(now.getTime() - 1);
const after = new Date(now.getTime() + 1);

describe('isPastExpiry', () => {
  it('is strict: at the very instant of expiry the hold still protects its seats', () => {
    expect(isPastExpiry(before, now)).toBe(true);
    expect(isPastExpiry(now, now)).toBe(false);
    expect(isPastExpiry(after, now)).toBe(false);
  });
});

describe('effectiveSeatStatus', () => {
  it('frees a HELD seat whose hold expired', () => {
    expect(effectiveSeatStatus({ status: 'HELD', holdExpiresAt: before }, now)).toBe('AVAILABLE');
  });

  it('keeps a HELD seat held until and at its expiry', () => {
    expect(effectiveSeatStatus({ status: 'HELD', holdExpiresAt: after }, now)).toBe('HELD');
    expect(effectiveSeatStatus({ status: 'HELD', holdExpiresAt: now }, now)).toBe('HELD');
  });

  it('keeps a HELD seat without a known expiry held', () => {
    expect(effectiveSeatStatus({ status: 'HELD', holdExpiresAt: undefined }, now)).toBe('HELD');
  });

  it.each(['AVAILABLE', 'SOLD', 'BLOCKED'] as const)('leaves %s alone, whatever stale expiry it carries', (status) => {
    expect(effectiveSeatStatus({ status, holdExpiresAt: before }, now)).toBe(status);
  });
});
