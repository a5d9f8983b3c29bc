import { describe, expect, it } from 'vitest';
import { TicketingError } from './ticketing-error';

describe('TicketingError', () => {
  it('takes its kind from the catalogue and keeps details and cause', () => {
    const cause = new Error('ConditionalCheckFailed');
    const error = new TicketingError('INVENTORY_CONFLICT', 'Seats A-1 are taken', {
      details: { conflictingSeatIds: ['A-1'] },
      cause,
    });
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ conflictingSeatIds: ['A-1'] });
    expect(error.cause).toBe(cause);
    expect(Object.isFrozen(error.details)).toBe(true);
  });
});
