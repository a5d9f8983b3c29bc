import type { Money, SeatPlacement } from './inventory.types';

/**
 * What a hold costs: the sum of its seats' prices in minor units. Every price of an event shares
 * one currency (CreateEvent validation), so a second currency here means corrupt data and throws
 * rather than produce a wrong total; so does an empty hold (it has no currency) or a sum beyond
 * exact integer range.
 */
export function holdTotal(placements: readonly Pick<SeatPlacement, 'seatId' | 'price'>[]): Money {
  const first = placements[0];
  if (first === undefined) {
    throw new RangeError('A hold total needs at least one seat');
  }
  const { currency } = first.price;
  let amountMinor = 0;
  for (const { seatId, price } of placements) {
    if (price.currency !== currency) {
      throw new Error(`Seat ${seatId} is priced in ${price.currency}, the hold in ${currency}`);
    }
    amountMinor += price.amountMinor;
  }
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`A hold total of ${amountMinor} minor units is beyond exact integer range`);
  }
  return { amountMinor, currency };
}
