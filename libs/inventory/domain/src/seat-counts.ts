import type { SeatCounts, SeatStatus } from './inventory.types';

/**
 * Counts seats per status. Pass effective statuses (see `effectiveSeatStatus`) so expired holds
 * count as available.
 *
 * @example
 * countSeats(states.map((state) => effectiveSeatStatus(state, now)));
 */
export function countSeats(statuses: Iterable<SeatStatus>): SeatCounts {
  let available = 0;
  let held = 0;
  let sold = 0;
  let blocked = 0;
  for (const status of statuses) {
    switch (status) {
      case 'AVAILABLE':
        available += 1;
        break;
      case 'HELD':
        held += 1;
        break;
      case 'SOLD':
        sold += 1;
        break;
      case 'BLOCKED':
        blocked += 1;
        break;
    }
  }
  return { available, held, sold, blocked, total: available + held + sold + blocked };
}
