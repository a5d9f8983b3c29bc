import { createHash } from 'node:crypto';

/*
 * Key layout of the three inventory tables (README.md "Item design"). Ids never contain `#`: the
 * domain's identifier rules forbid it, which keeps these composite keys unambiguous.
 */

/** Primary key of an item: every inventory table is keyed on `pk` + `sk` strings. */
export type ItemKey = { readonly pk: string; readonly sk: string };

/** Sort key of an event's header item. */
export const eventHeaderSortKey = 'EVENT';

/** Sort-key prefix of an event's layout chunks; `LAYOUT#00000`, `LAYOUT#00001`, … sort in order. */
export const layoutChunkSortKeyPrefix = 'LAYOUT#';

/** Sort key of a hold's item. */
export const holdSortKey = 'HOLD';

/** How many partitions `gsi1` spreads active holds over. */
export const activeHoldBuckets = 16;

/** Width of `gsi1sk`: epoch milliseconds zero-padded so string order is time order (until year 33658). */
const expiryKeyWidth = 15;

/** Partition key of every item of one event in the events table. */
export function eventPartitionKey(eventId: string): string {
  return `EVENT#${eventId}`;
}

/** Key of an event's header item. */
export function eventHeaderKey(eventId: string): ItemKey {
  return { pk: eventPartitionKey(eventId), sk: eventHeaderSortKey };
}

/** Key of layout chunk `index` of an event. */
export function layoutChunkKey(eventId: string, index: number): ItemKey {
  return { pk: eventPartitionKey(eventId), sk: `${layoutChunkSortKeyPrefix}${String(index).padStart(5, '0')}` };
}

/**
 * Partition key of one storage block of a section: all seats of a run of rows, so adjacent seats
 * share a partition while an on-sale burst spreads over `sections × blocks` partitions.
 */
export function seatPartitionKey(eventId: string, sectionId: string, block: number): string {
  return `EVENT#${eventId}#SECTION#${sectionId}#BLOCK#${block}`;
}

/** Key of one seat item. */
export function seatKey(eventId: string, seat: { readonly sectionId: string; readonly block: number; readonly seatId: string }): ItemKey {
  return { pk: seatPartitionKey(eventId, seat.sectionId, seat.block), sk: `SEAT#${seat.seatId}` };
}

/** Key of a hold's item. */
export function holdKey(holdId: string): ItemKey {
  return { pk: `HOLD#${holdId}`, sk: holdSortKey };
}

/** `gsi1pk` of bucket `bucket` of the active-holds index. */
export function activeHoldBucketKey(bucket: number): string {
  return `ACTIVE#${bucket}`;
}

/**
 * The `gsi1` bucket of a hold: a stable hash of its id, so concurrent holds spread evenly over
 * {@link activeHoldBuckets} index partitions instead of one hot `ACTIVE` partition.
 */
export function activeHoldBucket(holdId: string): number {
  return createHash('sha256').update(holdId).digest().readUInt32BE(0) % activeHoldBuckets;
}

/** `gsi1sk` of an active hold: its expiry in epoch ms, zero-padded so string order is time order. */
export function expiryIndexKey(expiresAt: Date): string {
  return String(expiresAt.getTime()).padStart(expiryKeyWidth, '0');
}
