import { describe, expect, it } from 'vitest';
import { isReservationId, newOrderId, newReservationId } from './reservation-id';

describe('reservation ids', () => {
  it('fit in a DynamoDB ClientRequestToken and sort by time', () => {
    const first = newReservationId(1_000);
    const second = newReservationId(2_000);
    expect(first.length).toBeLessThanOrEqual(36);
    expect(isReservationId(first)).toBe(true);
    expect(first < second).toBe(true);
    expect(newOrderId()).toMatch(/^ord_/);
  });

  it('recognises only well-formed ids', () => {
    expect(isReservationId('rsv_123')).toBe(false);
    expect(isReservationId('../etc/passwd')).toBe(false);
  });
});
