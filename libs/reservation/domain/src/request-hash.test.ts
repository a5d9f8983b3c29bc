import { describe, expect, it } from 'vitest';
import { idempotencyRequestHash } from './request-hash';

describe('idempotencyRequestHash', () => {
  it('ignores key order but not values, paths or methods', () => {
    const hash = idempotencyRequestHash('POST', '/v1/reservations', { event_id: 'e', seat_ids: ['A-1'] });
    expect(idempotencyRequestHash('post', '/v1/reservations', { seat_ids: ['A-1'], event_id: 'e' })).toBe(hash);
    expect(idempotencyRequestHash('POST', '/v1/reservations', { event_id: 'e', seat_ids: ['A-2'] })).not.toBe(hash);
    expect(idempotencyRequestHash('POST', '/v1/other', { event_id: 'e', seat_ids: ['A-1'] })).not.toBe(hash);
    expect(idempotencyRequestHash('POST', '/v1/reservations', null)).toBe(idempotencyRequestHash('POST', '/v1/reservations', undefined));
  });
});
