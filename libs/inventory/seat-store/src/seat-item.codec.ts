import type { SeatPlacement, SeatState, SeatStatus } from '@ticketing/inventory-domain';
import {
  enumAttribute,
  numberAttribute,
  optionalDateAttribute,
  optionalStringAttribute,
  stringAttribute,
  type StoredItem,
} from '@ticketing/stored-items';
import { seatKey } from './item-keys';

const seatStatuses: readonly SeatStatus[] = ['AVAILABLE', 'HELD', 'SOLD', 'BLOCKED'];

/**
 * A seat item as CreateEvent writes it: AVAILABLE (BLOCKED for a blocked seat), version 1.
 *
 * Besides the mutable state it carries `row_id` and `number`: immutable, a few bytes (a seat item
 * stays far below the 1 KB of one write unit either way), and they make a seat readable in the
 * console or a support query without the layout. The price is deliberately NOT copied: it is the
 * one static fact someone may want to change, and the layout is its single source.
 */
export function newSeatItem(eventId: string, placement: SeatPlacement): Record<string, unknown> {
  return {
    ...seatKey(eventId, placement),
    event_id: eventId,
    seat_id: placement.seatId,
    section_id: placement.sectionId,
    block: placement.block,
    row_id: placement.rowId,
    number: placement.number,
    status: placement.blocked ? 'BLOCKED' : 'AVAILABLE',
    version: 1,
  };
}

/** A seat's mutable state from its stored item. */
export function seatStateFromItem(item: StoredItem): SeatState {
  return {
    eventId: stringAttribute(item, 'event_id'),
    seatId: stringAttribute(item, 'seat_id'),
    sectionId: stringAttribute(item, 'section_id'),
    block: numberAttribute(item, 'block'),
    status: enumAttribute(item, 'status', seatStatuses),
    version: numberAttribute(item, 'version'),
    holdId: optionalStringAttribute(item, 'hold_id'),
    heldBy: optionalStringAttribute(item, 'held_by'),
    holdExpiresAt: optionalDateAttribute(item, 'hold_expires_at'),
  };
}
