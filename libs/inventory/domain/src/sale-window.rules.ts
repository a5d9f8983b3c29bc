import { eventNotOnSale } from './inventory.errors';
import type { StoredEvent } from './inventory.types';

/** What the on-sale check needs of an event (a StoredEvent or an EventDefinition both fit). */
export type SaleWindow = Pick<StoredEvent, 'eventId' | 'saleStartsAt' | 'saleEndsAt'>;

/**
 * True when holds may be taken at `now`: from `saleStartsAt` inclusive to `saleEndsAt`
 * exclusive, as the Event message documents. An unset bound leaves that side open.
 */
export function isOnSale(event: SaleWindow, now: Date): boolean {
  const at = now.getTime();
  return (
    (event.saleStartsAt === undefined || event.saleStartsAt.getTime() <= at) &&
    (event.saleEndsAt === undefined || at < event.saleEndsAt.getTime())
  );
}

/** Throws EVENT_NOT_ON_SALE, carrying the window, unless {@link isOnSale}. */
export function assertOnSale(event: SaleWindow, now: Date): void {
  if (!isOnSale(event, now)) {
    throw eventNotOnSale(event.eventId, event.saleStartsAt, event.saleEndsAt);
  }
}
