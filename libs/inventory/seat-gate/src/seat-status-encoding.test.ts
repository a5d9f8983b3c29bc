import { describe, expect, it } from 'vitest';
import { CorruptSeatStatusViewError } from './seat-gate.errors';
import { decodeSeatStatus, encodeSeatStatus, implicitSeatStatus } from './seat-status-encoding';

describe('the compact seat-status encoding', () => {
  const expiresAt = new Date('2026-01-01T00:00:00.000Z');

  it('writes status|version|holdExpiresAtMs, with an expiry for HELD seats only', () => {
    expect(encodeSeatStatus({ status: 'HELD', version: 7, holdExpiresAt: expiresAt })).toBe('HELD|7|1767225600000');
    expect(encodeSeatStatus({ status: 'SOLD', version: 8, holdExpiresAt: expiresAt })).toBe('SOLD|8|');
    expect(implicitSeatStatus).toBe('AVAILABLE|0|');
  });

  it('round-trips', () => {
    expect(decodeSeatStatus('A-1', 'HELD|7|1767225600000')).toEqual({
      status: 'HELD',
      version: 7,
      holdExpiresAt: expiresAt,
    });
    expect(decodeSeatStatus('A-1', 'BLOCKED|0|')).toEqual({ status: 'BLOCKED', version: 0 });
  });

  it('rejects values it did not write', () => {
    for (const bad of ['', 'GONE|1|', 'SOLD|x|', 'SOLD|1', 'SOLD|1|2|3', 'HELD|1|soon']) {
      expect(() => decodeSeatStatus('A-1', bad), bad).toThrow(CorruptSeatStatusViewError);
    }
  });
});
