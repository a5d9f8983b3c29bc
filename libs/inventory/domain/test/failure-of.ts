import { TicketingError } from '@ticketing/errors';

/** Runs `action` and returns the TicketingError it throws; fails the test when it throws nothing else. */
export function failureOf(action: () => unknown): TicketingError {
  try {
    action();
  } catch (error) {
    if (error instanceof TicketingError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a TicketingError, nothing was thrown');
}
