import { describe, expect, it } from 'vitest';
import { holdRequestFingerprint } from './hold-request.fingerprint';

const seats = (...seatIds: string[]) => ({ kind: 'seat-ids', seatIds }) as const;

describe('holdRequestFingerprint', () => {
  const fingerprint = holdRequestFingerprint('evt_1', 'user_1', seats('A-1', 'A-2'));

  it('is a sha256 hex digest, independent of seat-id order', () => {
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(holdRequestFingerprint('evt_1', 'user_1', seats('A-2', 'A-1'))).toBe(fingerprint);
  });

  it('differs with the event, the user or the seats', () => {
    expect(holdRequestFingerprint('evt_2', 'user_1', seats('A-1', 'A-2'))).not.toBe(fingerprint);
    expect(holdRequestFingerprint('evt_1', 'user_2', seats('A-1', 'A-2'))).not.toBe(fingerprint);
    expect(holdRequestFingerprint('evt_1', 'user_1', seats('A-1', 'A-3'))).not.toBe(fingerprint);
    expect(holdRequestFingerprint('evt_1', 'user_1', seats('A-1'))).not.toBe(fingerprint);
  });

  it('tells best-available requests apart by quantity and section', () => {
    const two = holdRequestFingerprint('evt_1', 'user_1', { kind: 'best-available', quantity: 2, sectionId: undefined });
    expect(holdRequestFingerprint('evt_1', 'user_1', { kind: 'best-available', quantity: 2, sectionId: undefined })).toBe(two);
    expect(holdRequestFingerprint('evt_1', 'user_1', { kind: 'best-available', quantity: 3, sectionId: undefined })).not.toBe(two);
    expect(holdRequestFingerprint('evt_1', 'user_1', { kind: 'best-available', quantity: 2, sectionId: 'A' })).not.toBe(two);
    expect(two).not.toBe(fingerprint);
  });

  it('cannot be forged by moving text between fields', () => {
    expect(holdRequestFingerprint('evt_1u', 'ser_1', seats('A-1', 'A-2'))).not.toBe(fingerprint);
  });
});
