import { describe, expect, it } from 'vitest';
import { effectiveHoldStatus } from './hold-status.rules';

const now = new Date('2026-05-01T10:00:00.000Z');
const before = new Date(now.getTime() - 1);
const after = new Date(now.getTime() + 1);

describe('effectiveHoldStatus', () => {
  it('reports an ACTIVE hold past its expiry as EXPIRED', () => {
    expect(effectiveHoldStatus({ status: 'ACTIVE', expiresAt: before }, now)).toBe('EXPIRED');
  });

  it('keeps an ACTIVE hold active until and at its expiry', () => {
    expect(effectiveHoldStatus({ status: 'ACTIVE', expiresAt: after }, now)).toBe('ACTIVE');
    expect(effectiveHoldStatus({ status: 'ACTIVE', expiresAt: now }, now)).toBe('ACTIVE');
  });

  it.each(['COMMITTED', 'RELEASED', 'EXPIRED'] as const)('keeps the final state %s after expiry', (status) => {
    expect(effectiveHoldStatus({ status, expiresAt: before }, now)).toBe(status);
  });
});
