import { TicketingError } from '@ticketing/errors';
import type { OutboxEvent, ReservationEventType } from '@ticketing/reservation-domain';
import {
  dateAttribute,
  enumAttribute,
  numberAttribute,
  optionalDateAttribute,
  optionalStringAttribute,
  stringAttribute,
  type StoredItem,
} from '@ticketing/stored-items';
import type { OutboxItem, OutboxStatus } from './outbox-item';
import { availabilityIndexKey, outboxItemKey, pendingBucket, pendingBucketKey } from './outbox-keys';
import { entrySizeBytes, eventIdDetailField, maxPutEventsRequestBytes, putEventsEntry } from './put-events-entry';

const statuses: readonly OutboxStatus[] = ['PENDING', 'PUBLISHED', 'FAILED'];

/** Event ids become key parts and the consumers' idempotency key: non-empty, no `#`, bounded. */
const eventIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Checks what a stored event must satisfy before it enters a transaction: a key-safe id, valid
 * instants, a detail that leaves {@link eventIdDetailField} to the outbox and serialises to JSON,
 * and a PutEvents entry within EventBridge's 256 KB — so an event that could never be published is
 * refused with the reservation change, not discovered by the relay later.
 *
 * @throws TicketingError INTERNAL: these are programming errors of the producer, caught in its tests.
 */
export function assertStorableEvent(event: OutboxEvent): void {
  if (!eventIdPattern.test(event.eventId)) {
    throw new TicketingError('INTERNAL', `Outbox event id "${event.eventId}" must match ${String(eventIdPattern)}`);
  }
  if (Object.hasOwn(event.detail, eventIdDetailField)) {
    throw new TicketingError(
      'INTERNAL',
      `Outbox event ${event.eventId}: detail field "${eventIdDetailField}" is reserved for the outbox event id`,
    );
  }
  if (Number.isNaN(event.dueAt.getTime()) || Number.isNaN(event.createdAt.getTime())) {
    throw new TicketingError('INTERNAL', `Outbox event ${event.eventId} has an invalid dueAt or createdAt`);
  }
  let size: number;
  try {
    size = entrySizeBytes(putEventsEntry(event, ''));
  } catch (error) {
    throw new TicketingError('INTERNAL', `Outbox event ${event.eventId}: detail is not serialisable to JSON`, { cause: error });
  }
  if (size > maxPutEventsRequestBytes) {
    throw new TicketingError(
      'INTERNAL',
      `Outbox event ${event.eventId} is ${size} bytes as a PutEvents entry; EventBridge takes at most ${maxPutEventsRequestBytes}`,
    );
  }
}

/**
 * The item of a new, PENDING event: in the sparse `gsi1` under its bucket, available at its due
 * time, no TTL (an unpublished event must never expire).
 */
export function newOutboxItem(event: OutboxEvent): Record<string, unknown> {
  return {
    ...outboxItemKey(event.eventId),
    event_id: event.eventId,
    source: event.source,
    detail_type: event.detailType,
    detail: JSON.stringify(event.detail),
    due_at: event.dueAt.getTime(),
    created_at: event.createdAt.getTime(),
    status: 'PENDING' satisfies OutboxStatus,
    attempts: 0,
    available_at: event.dueAt.getTime(),
    gsi1pk: pendingBucketKey(pendingBucket(event.eventId)),
    gsi1sk: availabilityIndexKey(event.dueAt, event.eventId),
  };
}

/** An outbox item from its stored form. */
export function outboxItemFromStored(item: StoredItem): OutboxItem {
  return {
    event: {
      eventId: stringAttribute(item, 'event_id'),
      source: enumAttribute(item, 'source', ['ticketing.reservation'] as const),
      // Not narrowed to today's list: an item written by a newer release must still be publishable.
      detailType: stringAttribute(item, 'detail_type') as ReservationEventType,
      detail: decodeDetail(item),
      dueAt: dateAttribute(item, 'due_at'),
      createdAt: dateAttribute(item, 'created_at'),
    },
    status: enumAttribute(item, 'status', statuses),
    attempts: numberAttribute(item, 'attempts'),
    availableAt: optionalDateAttribute(item, 'available_at'),
    leaseOwner: optionalStringAttribute(item, 'lease_owner'),
    leaseUntil: optionalDateAttribute(item, 'lease_until'),
    lastError: optionalStringAttribute(item, 'last_error'),
    publishedAt: optionalDateAttribute(item, 'published_at'),
    failedAt: optionalDateAttribute(item, 'failed_at'),
  };
}

function decodeDetail(item: StoredItem): Record<string, unknown> {
  const detail: unknown = JSON.parse(stringAttribute(item, 'detail'));
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new TicketingError('INTERNAL', `Stored outbox item ${String(item['pk'])} has a detail that is not a JSON object`);
  }
  return detail as Record<string, unknown>;
}

/**
 * `expires_at_epoch` (DynamoDB TTL, epoch seconds) of a published item: `retentionMs` after `from`.
 */
export function retentionEpochSeconds(from: Date, retentionMs: number): number {
  return Math.ceil((from.getTime() + retentionMs) / 1000);
}

/** What a failed attempt leaves in `last_error`: bounded, so a huge SDK message cannot bloat the item. */
export function boundedLastError(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}
