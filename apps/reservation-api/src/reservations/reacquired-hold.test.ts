import { TicketingError } from '@ticketing/errors';
import { describe, expect, it } from 'vitest';
import { assertReacquiredHoldMatches } from './reacquired-hold';

const seat = (seatId: string) => ({ seatId });
const reservation = { userId: 'kim', eventId: 'evt_1', seats: [seat('A-1'), seat('A-2')] };
const hold = (changes: { userId?: string; eventId?: string; seatIds?: string[] } = {}) => ({
  holdId: 'rsv_again',
  userId: changes.userId ?? 'kim',
  eventId: changes.eventId ?? 'evt_1',
  seats: (changes.seatIds ?? ['A-2', 'A-1']).map(seat),
});

function rejection(run: () => void): TicketingError | undefined {
  try {
    run();
  } catch (error) {
    return error as TicketingError;
  }
  return undefined;
}

describe('assertReacquiredHoldMatches', () => {
  it("accepts the user's hold on exactly the reservation's seats, in any order", () => {
    expect(rejection(() => assertReacquiredHoldMatches(reservation, hold()))).toBeUndefined();
  });

  it.each([
    ['fewer seats', hold({ seatIds: ['A-1'] }), /holds seats A-1, not exactly the reservation's seats A-1, A-2/],
    ['more seats', hold({ seatIds: ['A-1', 'A-2', 'A-3'] }), /holds seats A-1, A-2, A-3/],
    ['other seats', hold({ seatIds: ['A-1', 'B-2'] }), /holds seats A-1, B-2/],
    ['another event', hold({ eventId: 'evt_2' }), /is for event evt_2, not the reservation's event evt_1/],
    ["another user's hold", hold({ userId: 'lee' }), /is not a hold of the reservation's user/],
  ])('refuses a hold with %s as VALIDATION_FAILED naming reacquired_hold_id', (_case, candidate, message) => {
    const error = rejection(() => assertReacquiredHoldMatches(reservation, candidate));
    expect(error).toBeInstanceOf(TicketingError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reacquired_hold_id' } });
    expect(error?.message).toMatch(/^reacquired_hold_id: hold rsv_again /);
    expect(error?.message).toMatch(message);
  });
});
