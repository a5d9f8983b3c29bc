import { TicketingError } from '@ticketing/errors';
import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition } from './reservation-state';

describe('reservation state machine', () => {
  it('lets a HOLD end exactly one way', () => {
    for (const to of ['CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUND_REQUIRED'] as const) expect(canTransition('HOLD', to)).toBe(true);
    expect(canTransition('HOLD', 'HOLD')).toBe(false);
  });

  it('never moves a final reservation', () => {
    for (const from of ['CONFIRMED', 'REFUND_REQUIRED'] as const) {
      for (const to of ['HOLD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUND_REQUIRED'] as const) {
        expect(canTransition(from, to)).toBe(false);
      }
    }
    // A payment for a cancelled reservation only ever turns into a refund.
    expect(canTransition('CANCELLED', 'REFUND_REQUIRED')).toBe(true);
    expect(canTransition('CANCELLED', 'CONFIRMED')).toBe(false);
  });

  it('lets a late payment settle an EXPIRED reservation: confirmed (re-acquired seats) or refunded, nothing else', () => {
    expect(canTransition('EXPIRED', 'CONFIRMED')).toBe(true);
    expect(canTransition('EXPIRED', 'REFUND_REQUIRED')).toBe(true);
    for (const to of ['HOLD', 'CANCELLED', 'EXPIRED'] as const) expect(canTransition('EXPIRED', to)).toBe(false);
    expect(() => assertTransition('rsv_1', 'EXPIRED', 'CONFIRMED')).not.toThrow();
    expect(() => assertTransition('rsv_1', 'EXPIRED', 'REFUND_REQUIRED')).not.toThrow();
  });

  it('answers RESERVATION_EXPIRED for an expired reservation and RESERVATION_NOT_ACTIVE otherwise', () => {
    const codeOf = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as TicketingError).code;
      }
      return undefined;
    };
    expect(codeOf(() => assertTransition('rsv_1', 'EXPIRED', 'CANCELLED'))).toBe('RESERVATION_EXPIRED');
    expect(codeOf(() => assertTransition('rsv_1', 'CONFIRMED', 'CANCELLED'))).toBe('RESERVATION_NOT_ACTIVE');
    expect(codeOf(() => assertTransition('rsv_1', 'HOLD', 'CANCELLED'))).toBeUndefined();
  });
});
