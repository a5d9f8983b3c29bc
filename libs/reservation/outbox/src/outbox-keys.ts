import { createHash } from 'node:crypto';

/*
 * Key layout of the outbox table (README.md "Item layout"). Event ids never contain `#`
 * (outboxPutWrite rejects them), so the composite keys are unambiguous.
 */

/** Primary key of an outbox item. */
export type OutboxItemKey = { readonly pk: string; readonly sk: string };

/** How many `gsi1` partitions pending items are spread over. */
export const pendingBuckets = 8;

/** Width of the time part of `gsi1sk`: epoch ms zero-padded so string order is time order. */
const timeKeyWidth = 15;

/** Key of the item of one event. */
export function outboxItemKey(eventId: string): OutboxItemKey {
  return { pk: `OUTBOX#${eventId}`, sk: 'EVENT' };
}

/**
 * The `gsi1` bucket of an event: a stable hash of its id, so an on-sale burst of events spreads
 * over {@link pendingBuckets} index partitions instead of one hot `PENDING` partition.
 */
export function pendingBucket(eventId: string): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) % pendingBuckets;
}

/** `gsi1pk` of pending bucket `bucket`. */
export function pendingBucketKey(bucket: number): string {
  return `PENDING#${bucket}`;
}

/** Epoch ms zero-padded to a fixed width, so string order is time order (until year 33658). */
export function timeKey(at: Date): string {
  return String(at.getTime()).padStart(timeKeyWidth, '0');
}

/** `gsi1sk` of a pending item: when a relay may take it, then the event id (unique, tie-breaker). */
export function availabilityIndexKey(availableAt: Date, eventId: string): string {
  return `${timeKey(availableAt)}#${eventId}`;
}

/**
 * Exclusive upper bound of the `gsi1sk` values that are available at `now` (available at or
 * before `now`): every key starting with a time ≤ now sorts before the padded `now + 1 ms`, because
 * `#` sorts before every digit and a key that shares the whole prefix is longer, hence greater.
 */
export function availableBeforeKey(now: Date): string {
  return timeKey(new Date(now.getTime() + 1));
}
