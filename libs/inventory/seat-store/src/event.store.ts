import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type EventDefinition,
  EventLayout,
  eventConflict,
  eventNotFound,
  invalidField,
  inventoryContended,
  type StoredEvent,
} from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';
import { decodeItem } from '@ticketing/stored-items';
import { putAll, type TableItem } from './batch-writer';
import { CreationLease } from './creation-lease';
import { awsErrorName, translateDynamoError } from './dynamo-errors';
import {
  creatingEventItem,
  eventItemStatus,
  layoutChunkFromItem,
  layoutChunkItem,
  layoutHeaderFromItem,
  storedEventFromItem,
} from './event-item.codec';
import { numberAttribute, type StoredItem } from '@ticketing/stored-items';
import { eventHeaderKey, eventHeaderSortKey, eventPartitionKey, layoutChunkSortKeyPrefix } from './item-keys';
import type { RetryPolicy } from '@ticketing/stored-items';
import { newSeatItem } from './seat-item.codec';

/** Physical table names the {@link EventStore} writes. */
export interface EventStoreTables {
  readonly eventsTable: string;
  readonly seatsTable: string;
}

/** Tuning of the {@link EventStore}. */
export interface EventStoreOptions {
  /** BatchWriteItem calls in flight while creating an event (default 8). */
  readonly writeConcurrency?: number;
  /** Retries of unprocessed items per batch (default {@link defaultRetryPolicy}). */
  readonly retry?: RetryPolicy;
  /** How long a creation attempt owns an event before another may take over (default 60 s). */
  readonly creationLeaseMs?: number;
  /** Wall clock for the creation lease (epoch ms); tests may pass their own. */
  readonly clock?: () => number;
}

/** What {@link EventStore.createEvent} did. */
export interface CreateEventResult {
  readonly event: StoredEvent;
  /** false when an identical event was already READY and nothing was written. */
  readonly created: boolean;
}

const conditionFailed = 'ConditionalCheckFailedException';

/**
 * Events and their immutable layouts, and the creation of every seat.
 *
 * @example
 * const events = new EventStore(documents, { eventsTable, seatsTable });
 * validateEventDefinition(definition);
 * const { created } = await events.createEvent(definition, buildEventLayout(definition), layoutFingerprint(definition), new Date());
 * const layout = await events.loadLayout(definition.eventId);
 */
export class EventStore {
  private readonly writeConcurrency: number;
  private readonly creationLeaseMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: EventStoreTables,
    private readonly options: EventStoreOptions = {},
  ) {
    this.writeConcurrency = options.writeConcurrency ?? 8;
    this.creationLeaseMs = options.creationLeaseMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Creates the event and every seat, idempotently.
   *
   * 1. Claims the header as CREATING with a conditional put (`attribute_not_exists(pk)`, or a
   *    CREATING header of the same fingerprint whose creation lease ran out: a crashed attempt,
   *    whose job this call finishes).
   *    - READY with the same fingerprint → `created: false`, nothing written.
   *    - Another fingerprint (READY or not) → EVENT_CONFLICT.
   *    - CREATING, same fingerprint, lease still running (another attempt is writing right now)
   *      → INVENTORY_CONTENDED: retry later.
   * 2. Puts the layout chunks and every seat (AVAILABLE, or BLOCKED; version 1) with
   *    BatchWriteItem — 25 per call, `writeConcurrency` calls in flight, unprocessed items retried
   *    with backoff — renewing the creation lease as it goes (see {@link CreationLease}).
   * 3. Flips the header to READY; only then does the event exist for {@link getEvent}.
   *
   * A failure leaves a CREATING header that the next attempt with the same definition completes.
   *
   * @param layout `buildEventLayout(definition)`.
   * @param fingerprint `layoutFingerprint(definition)`.
   */
  async createEvent(
    definition: EventDefinition,
    layout: EventLayout,
    fingerprint: string,
    now: Date,
  ): Promise<CreateEventResult> {
    if (layout.eventId !== definition.eventId) {
      throw invalidField('event_id', `the layout is of event ${layout.eventId}, not ${definition.eventId}`);
    }
    const eventId = definition.eventId;
    const compact = layout.toCompactChunks();
    const token = randomUUID();
    const leaseUntil = this.clock() + this.creationLeaseMs;
    const claim = { fingerprint, createdAt: now, chunkCount: compact.chunks.length, layoutHeader: compact.header, token, leaseUntil };

    const previous = await this.claimCreation(eventId, creatingEventItem(definition, layout, claim), fingerprint);
    if (previous.kind === 'ready') return { event: previous.event, created: false };
    // A resumed creation keeps the instant the event was first created.
    const createdAt = previous.kind === 'resumed' ? previous.createdAt : now;

    const lease = new CreationLease(this.documents, this.tables.eventsTable, eventId, token, this.creationLeaseMs, this.clock, leaseUntil);
    const items: TableItem[] = [
      ...compact.chunks.map((chunk) => ({ tableName: this.tables.eventsTable, item: layoutChunkItem(eventId, fingerprint, chunk) })),
      ...layout.allSeats().map((seat) => ({ tableName: this.tables.seatsTable, item: newSeatItem(eventId, seat) })),
    ];
    try {
      await putAll(this.documents, items, {
        concurrency: this.writeConcurrency,
        retry: this.options.retry,
        beforeEachCall: lease.ensure,
      });
    } catch (error) {
      await lease.release();
      throw error;
    }
    await this.markReady(eventId, token, createdAt);
    const event: StoredEvent = {
      eventId,
      name: definition.name,
      venue: definition.venue,
      saleStartsAt: definition.saleStartsAt,
      saleEndsAt: definition.saleEndsAt,
      sections: layout.sections,
      seatCount: layout.seatCount,
      createdAt,
      layoutFingerprint: fingerprint,
    };
    return { event, created: true };
  }

  /** The event, if it exists and is READY (a half-created event does not count); strongly consistent. */
  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tables.eventsTable, Key: eventHeaderKey(eventId), ConsistentRead: true }),
      );
      return Item !== undefined && eventItemStatus(Item) === 'READY' ? storedEventFromItem(Item) : undefined;
    } catch (error) {
      throw translateDynamoError(error, `read event ${eventId}`);
    }
  }

  /**
   * The event's layout, rebuilt from its header and chunks (one paginated, strongly consistent
   * Query of the event's partition). EVENT_NOT_FOUND unless the event is READY. Layouts never
   * change: callers cache the result per event.
   */
  async loadLayout(eventId: string): Promise<EventLayout> {
    const items = await this.readEventPartition(eventId);
    const header = items.find((item) => item['sk'] === eventHeaderSortKey);
    if (header === undefined || eventItemStatus(header) !== 'READY') throw eventNotFound(eventId);
    const fingerprint = header['layout_fingerprint'];
    const chunks = items
      .filter((item) => String(item['sk']).startsWith(layoutChunkSortKeyPrefix) && item['layout_fingerprint'] === fingerprint)
      .map(layoutChunkFromItem);
    const expected = numberAttribute(header, 'layout_chunks');
    try {
      if (chunks.length !== expected) throw new Error(`expected ${expected} layout chunks, found ${chunks.length}`);
      return EventLayout.fromCompactChunks(layoutHeaderFromItem(header), chunks);
    } catch (error) {
      throw new TicketingError('INTERNAL', `The stored layout of event ${eventId} is corrupt`, { cause: error });
    }
  }

  /**
   * Step 1 of createEvent: the conditional put of the CREATING header.
   *
   * ```
   *  no header ──────────────────────▶ put ─▶ fresh
   *  CREATING, same fp, lease over ──▶ put ─▶ resumed (keeps the first created_at)
   *  CREATING, same fp, lease alive ─▶  ✗  ─▶ INVENTORY_CONTENDED
   *  READY, same fp ─────────────────▶  ✗  ─▶ ready (nothing written)
   *  anything, other fp ─────────────▶  ✗  ─▶ EVENT_CONFLICT
   * ```
   */
  private async claimCreation(
    eventId: string,
    header: Record<string, unknown>,
    fingerprint: string,
  ): Promise<{ kind: 'fresh' } | { kind: 'resumed'; createdAt: Date } | { kind: 'ready'; event: StoredEvent }> {
    try {
      const { Attributes } = await this.documents.send(
        new PutCommand({
          TableName: this.tables.eventsTable,
          Item: header,
          ConditionExpression:
            'attribute_not_exists(pk) OR (layout_fingerprint = :fp AND #status = :creating AND creation_lease_until < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':fp': fingerprint, ':creating': 'CREATING', ':now': this.clock() },
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Attributes === undefined
        ? { kind: 'fresh' }
        : { kind: 'resumed', createdAt: new Date(numberAttribute(Attributes, 'created_at')) };
    } catch (error) {
      if (awsErrorName(error) !== conditionFailed) throw translateDynamoError(error, `create event ${eventId}`);
      const existing = decodeItem((error as { Item?: Record<string, AttributeValue> }).Item);
      if (existing === undefined) throw inventoryContended(error); // vanished in between: retry
      if (existing['layout_fingerprint'] !== fingerprint) throw eventConflict(eventId, error);
      if (eventItemStatus(existing) === 'READY') return { kind: 'ready', event: storedEventFromItem(existing) };
      throw inventoryContended(error);
    }
  }

  private async markReady(eventId: string, token: string, createdAt: Date): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tables.eventsTable,
          Key: eventHeaderKey(eventId),
          ConditionExpression: 'creation_token = :token AND #status = :creating',
          UpdateExpression: 'SET #status = :ready, created_at = :createdAt REMOVE creation_token, creation_lease_until',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': token, ':creating': 'CREATING', ':ready': 'READY', ':createdAt': createdAt.getTime() },
        }),
      );
    } catch (error) {
      // Another attempt took the creation over (this one stalled past its lease): it finishes.
      if (awsErrorName(error) === conditionFailed) throw inventoryContended(error);
      throw translateDynamoError(error, `finish creating event ${eventId}`);
    }
  }

  private async readEventPartition(eventId: string): Promise<StoredItem[]> {
    const items: StoredItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      try {
        const page = await this.documents.send(
          new QueryCommand({
            TableName: this.tables.eventsTable,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': eventPartitionKey(eventId) },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } catch (error) {
        throw translateDynamoError(error, `read the layout of event ${eventId}`);
      }
    } while (startKey !== undefined);
    return items;
  }
}
