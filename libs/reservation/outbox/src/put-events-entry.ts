import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { OutboxEvent } from '@ticketing/reservation-domain';

/**
 * The detail field that carries the outbox event id to consumers, who deduplicate on it (delivery
 * is at least once). Reserved: an event's own detail must not use this name.
 */
export const eventIdDetailField = 'message_id';

/** PutEvents takes at most 10 entries per call. */
export const maxEntriesPerPutEvents = 10;

/** PutEvents takes at most 256 KB of entries per call (EventBridge's entry-size arithmetic). */
export const maxPutEventsRequestBytes = 256 * 1024;

/** The `Detail` JSON of an event: its own detail plus its outbox id under {@link eventIdDetailField}. */
export function eventBridgeDetail(event: OutboxEvent): string {
  return JSON.stringify({ ...event.detail, [eventIdDetailField]: event.eventId });
}

/**
 * The PutEvents entry of an event. `Time` is the due time: when the fact happened (for
 * `reservation.expired` the hold's expiry, not whenever a relay got round to publishing it).
 */
export function putEventsEntry(event: OutboxEvent, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: event.source,
    DetailType: event.detailType,
    Detail: eventBridgeDetail(event),
    Time: event.dueAt,
  };
}

/**
 * Size of an entry as EventBridge counts it against the 256 KB request limit ("Calculating
 * PutEvents event entry size"): 14 bytes for `Time`, UTF-8 bytes of Source, DetailType, Detail and
 * every Resources entry. The bus name does not count.
 */
export function entrySizeBytes(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/**
 * Splits entries into PutEvents calls: in order, at most {@link maxEntriesPerPutEvents} entries and
 * `maxBytes` per call. Returns the indexes into `sizes`; an entry larger than `maxBytes` on its own
 * is not placed in any call (the caller reports it as a permanent failure).
 */
export function planPutEventsCalls(sizes: readonly number[], maxBytes = maxPutEventsRequestBytes): number[][] {
  const calls: number[][] = [];
  let current: number[] = [];
  let currentBytes = 0;
  for (const [index, size] of sizes.entries()) {
    if (size > maxBytes) continue;
    if (current.length === maxEntriesPerPutEvents || currentBytes + size > maxBytes) {
      calls.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(index);
    currentBytes += size;
  }
  if (current.length > 0) calls.push(current);
  return calls;
}
