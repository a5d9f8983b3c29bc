import type { Hold, HoldStatus, ReleaseReason, SeatPlacement } from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';
import {
  enumAttribute,
  numberAttribute,
  optionalStringAttribute,
  stringAttribute,
  type StoredItem,
} from '@ticketing/stored-items';
import { activeHoldBucket, activeHoldBucketKey, expiryIndexKey, holdKey } from './item-keys';

const holdStatuses: readonly HoldStatus[] = ['ACTIVE', 'COMMITTED', 'RELEASED', 'EXPIRED'];
const releaseReasons: readonly ReleaseReason[] = ['USER_CANCELLED', 'PAYMENT_FAILED', 'EXPIRED', 'RESERVATION_FAILED'];

/**
 * One held seat as stored inside the hold item: a positional tuple instead of a map of named
 * attributes, so a 10-seat hold stays well under 1 KB (one write unit, two in a transaction)
 * instead of spilling into a second unit on attribute names alone.
 *
 * `[seatId, sectionId, block, rowId, rowIndex, positionInRow, number, priceMinor, currency, blocked]`
 */
type SeatTuple = [string, string, number, string, number, number, number, number, string, 0 | 1];

function seatTuple(seat: SeatPlacement): SeatTuple {
  return [
    seat.seatId,
    seat.sectionId,
    seat.block,
    seat.rowId,
    seat.rowIndex,
    seat.positionInRow,
    seat.number,
    seat.price.amountMinor,
    seat.price.currency,
    seat.blocked ? 1 : 0,
  ];
}

function placementFromTuple(tuple: SeatTuple): SeatPlacement {
  const [seatId, sectionId, block, rowId, rowIndex, positionInRow, number, amountMinor, currency, blocked] = tuple;
  return { seatId, sectionId, block, rowId, rowIndex, positionInRow, number, price: { amountMinor, currency }, blocked: blocked === 1 };
}

/** The `seats` attribute: the hold's placements, compactly, so release and commit need no layout. */
export function encodeHeldSeats(seats: readonly SeatPlacement[]): string {
  return JSON.stringify(seats.map(seatTuple));
}

function decodeHeldSeats(item: StoredItem): SeatPlacement[] {
  const encoded = stringAttribute(item, 'seats');
  const tuples: unknown = JSON.parse(encoded);
  if (!Array.isArray(tuples) || !tuples.every((tuple) => Array.isArray(tuple) && tuple.length === 10)) {
    throw new TicketingError('INTERNAL', `Stored hold ${String(item['pk'])} has malformed "seats"`);
  }
  return (tuples as SeatTuple[]).map(placementFromTuple);
}

/**
 * `expires_at_epoch` (DynamoDB TTL, epoch seconds): `retentionMs` after `from`. Callers pass the
 * later of "now" and the hold's expiry, so a record that is still needed never carries a TTL in the
 * past (DynamoDB Local deletes such items within seconds; AWS within days).
 */
export function retentionEpochSeconds(from: Date, retentionMs: number): number {
  return Math.ceil((from.getTime() + retentionMs) / 1000);
}

/** The later of two instants. */
export function later(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * The item of a newly placed (ACTIVE) hold, version 1, listed in the sparse `gsi1` by expiry for
 * the sweeper, with a TTL `retentionMs` past its expiry.
 */
export function newHoldItem(hold: Hold, now: Date, retentionMs: number): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...holdKey(hold.holdId),
    hold_id: hold.holdId,
    event_id: hold.eventId,
    user_id: hold.userId,
    status: hold.status,
    seats: encodeHeldSeats(hold.seats),
    total_minor: hold.total.amountMinor,
    currency: hold.total.currency,
    created_at: hold.createdAt.getTime(),
    expires_at: hold.expiresAt.getTime(),
    request_fingerprint: hold.requestFingerprint,
    version: 1,
    gsi1pk: activeHoldBucketKey(activeHoldBucket(hold.holdId)),
    gsi1sk: expiryIndexKey(hold.expiresAt),
    expires_at_epoch: retentionEpochSeconds(later(hold.expiresAt, now), retentionMs),
  };
  if (hold.paymentReference !== undefined) item['payment_reference'] = hold.paymentReference;
  if (hold.releaseReason !== undefined) item['release_reason'] = hold.releaseReason;
  return item;
}

/** A hold from its stored item. */
export function holdFromItem(item: StoredItem): Hold {
  const releaseReason = optionalStringAttribute(item, 'release_reason');
  return {
    holdId: stringAttribute(item, 'hold_id'),
    eventId: stringAttribute(item, 'event_id'),
    userId: stringAttribute(item, 'user_id'),
    status: enumAttribute(item, 'status', holdStatuses),
    seats: decodeHeldSeats(item),
    total: { amountMinor: numberAttribute(item, 'total_minor'), currency: stringAttribute(item, 'currency') },
    createdAt: new Date(numberAttribute(item, 'created_at')),
    expiresAt: new Date(numberAttribute(item, 'expires_at')),
    paymentReference: optionalStringAttribute(item, 'payment_reference'),
    releaseReason: releaseReason === undefined ? undefined : enumAttribute(item, 'release_reason', releaseReasons),
    requestFingerprint: stringAttribute(item, 'request_fingerprint'),
  };
}
