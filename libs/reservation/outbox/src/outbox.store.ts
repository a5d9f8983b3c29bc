import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TicketingError } from '@ticketing/errors';
import type { OutboxEvent } from '@ticketing/reservation-domain';
import { mapConcurrently } from '@ticketing/stored-items';
import { quoted, runConditionalUpdates, type ConditionalUpdateOutcome } from './conditional-updates';
import { awsErrorName, isConditionalCheckFailure, translateDynamoError } from './dynamo-errors';
import type { LeasedOutboxItem, OutboxItem, OutboxStatus } from './outbox-item';
import { boundedLastError, outboxItemFromStored, retentionEpochSeconds } from './outbox-item.codec';
import { outboxPutWrite } from './outbox-put-write';
import {
  availabilityIndexKey,
  availableBeforeKey,
  outboxItemKey,
  pendingBucketKey,
  pendingBuckets,
} from './outbox-keys';

/** Where the store keeps its items, and for how long published ones stay. */
export interface OutboxStoreOptions {
  /** Physical name of the `outbox` table. */
  readonly table: string;
  /** How long a PUBLISHED item stays (for support queries) before DynamoDB's TTL deletes it; 7 days by default. */
  readonly retentionMs?: number;
}

/** What {@link OutboxStore.findDue} found. */
export interface DueOutboxItems {
  /** Due PENDING items, oldest first. */
  readonly items: readonly OutboxItem[];
  /** Some bucket held more due items than its share of the limit: drain again soon. */
  readonly more: boolean;
}

/** A write DynamoDB did not apply for a reason other than its condition (throttling, an outage …). */
export interface UnappliedWrite<T> {
  readonly item: T;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** What {@link OutboxStore.lease} took. */
export interface LeaseResult {
  readonly leased: readonly LeasedOutboxItem[];
  /** Items another relay leased, published or retried meanwhile (or a stale index read): left alone. */
  readonly taken: number;
  /** Items whose lease write failed; they are due again in a later drain. */
  readonly unapplied: readonly UnappliedWrite<OutboxItem>[];
}

/** Which of the items given to {@link OutboxStore.markPublished} were marked, and which were not. */
export interface MarkPublishedResult {
  readonly published: readonly LeasedOutboxItem[];
  /** Another relay took these over after the lease ran out; it publishes (again) and marks them. */
  readonly leaseLost: readonly LeasedOutboxItem[];
  /** The mark failed: the lease runs out and the event is published again (a duplicate, never a loss). */
  readonly unapplied: readonly UnappliedWrite<LeasedOutboxItem>[];
}

const pending: OutboxStatus = 'PENDING';
const defaultRetentionMs = 7 * 24 * 60 * 60 * 1000;
/** DynamoDB's limit of items in one TransactWriteItems. */
const maxTransactionItems = 100;

/**
 * The outbox table's repository: finds due events, leases them to one relay at a time, and records
 * each attempt's outcome. Every write is a conditional update, so any number of relay replicas can
 * share the table; leases and publish marks go 25 to a BatchExecuteStatement call, each still
 * conditional on its own item.
 *
 * A lease is a conditional update on the base table (strongly consistent), never a read-then-write:
 *
 * ```
 *  relay A   findDue ─ lease ✔ (token a, until t+L) ─ PutEvents ─ markPublished(token a) ✔
 *  relay B   findDue ─ lease ✘ (available_at = t+L > now)
 *  relay A'  (crashed after PutEvents) ······························ lease ran out at t+L
 *  relay B   findDue ─ lease ✔ (token b) ─ PutEvents (duplicate; consumers dedupe on message_id) ─ mark ✔
 *  relay A'  markPublished(token a) ✘ (token is b now): it can no longer touch the item
 * ```
 *
 * Leasing also moves the item's `gsi1sk` to the end of the lease, so other replicas stop seeing it
 * in `findDue` until the lease has run out; a crashed relay's items come back by themselves.
 */
export class OutboxStore {
  private readonly table: string;
  private readonly retentionMs: number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    options: OutboxStoreOptions,
  ) {
    this.table = options.table;
    this.retentionMs = options.retentionMs ?? defaultRetentionMs;
  }

  /**
   * Stores events that accompany no other write, all or none (one TransactWriteItems, ≤ 100
   * events). An event that describes a reservation change does NOT come this way: it goes into
   * that change's own transaction with {@link outboxPutWrite}.
   *
   * @throws TicketingError INTERNAL if an event id is already stored (nothing is written), or as
   *   {@link outboxPutWrite} for an event that could never be published.
   */
  async add(events: readonly OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (events.length > maxTransactionItems) {
      throw new TicketingError('INTERNAL', `At most ${maxTransactionItems} outbox events per add; got ${events.length}`);
    }
    const transactItems = events.map((event) => outboxPutWrite(event, { table: this.table }));
    try {
      await this.documents.send(new TransactWriteCommand({ TransactItems: transactItems }));
    } catch (error) {
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (awsErrorName(error) === 'TransactionCanceledException' && reasons.some((r) => r.Code === 'ConditionalCheckFailed')) {
        const reused = events.filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed').map((event) => event.eventId);
        throw new TicketingError('INTERNAL', `Outbox event ids already stored: ${reused.join(', ')}`, { cause: error });
      }
      throw translateDynamoError(error, 'add outbox events');
    }
  }

  /**
   * Up to `limit` PENDING items available at `now` (due, retry time reached, or lease run out):
   * each bucket's oldest, its share being `limit / buckets` (rounded up), so a drain reads about
   * as many items as it can publish; buckets fill evenly because an event's bucket is a hash of
   * its id. Oldest first. Reads the sparse `gsi1` (eventually consistent): an item may show up that
   * was just leased or published elsewhere; {@link lease} re-checks on the base table.
   */
  async findDue(now: Date, options: { readonly limit: number }): Promise<DueOutboxItems> {
    const share = Math.ceil(options.limit / pendingBuckets);
    const buckets = Array.from({ length: pendingBuckets }, (_, bucket) => bucket);
    const perBucket = await mapConcurrently(buckets, pendingBuckets, (bucket) => this.dueInBucket(bucket, now, share));
    const items = perBucket
      .flatMap((bucket) => bucket.items)
      .filter((item) => item.status === 'PENDING')
      .sort((a, b) => (a.availableAt?.getTime() ?? 0) - (b.availableAt?.getTime() ?? 0));
    return {
      items: items.slice(0, options.limit),
      more: items.length > options.limit || perBucket.some((bucket) => bucket.more),
    };
  }

  /**
   * Takes each item for `owner` for `leaseMs`: succeeds only if it is still PENDING, available at
   * `now`, nobody holds an unexpired lease, and its attempts are still those `findDue` read (so the
   * leased item is known without reading it back). Counts one attempt.
   */
  async lease(
    items: readonly OutboxItem[],
    options: { readonly owner: string; readonly leaseMs: number; readonly now: Date },
  ): Promise<LeaseResult> {
    const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
    const candidates = items.map(
      (item): LeasedOutboxItem => ({
        ...item,
        status: 'PENDING',
        attempts: item.attempts + 1,
        availableAt: leaseUntil,
        leaseOwner: options.owner,
        leaseUntil,
        leaseToken: randomUUID(),
      }),
    );
    const outcomes = await runConditionalUpdates(
      this.documents,
      candidates.map((leased) => ({
        statement:
          `UPDATE ${quoted(this.table)}` +
          ' SET "lease_owner" = ? SET "lease_token" = ? SET "lease_until" = ? SET "available_at" = ? SET "gsi1sk" = ? SET "attempts" = ?' +
          ' WHERE "pk" = ? AND "sk" = ? AND "status" = ? AND "available_at" <= ?' +
          ' AND ("lease_until" IS MISSING OR "lease_until" <= ?) AND "attempts" = ?',
        parameters: [
          leased.leaseOwner,
          leased.leaseToken,
          leaseUntil.getTime(),
          leaseUntil.getTime(),
          availabilityIndexKey(leaseUntil, leased.event.eventId),
          leased.attempts,
          ...keyParameters(leased),
          pending,
          options.now.getTime(),
          options.now.getTime(),
          leased.attempts - 1,
        ],
      })),
    );
    const sorted = sortOutcomes(candidates, outcomes);
    return { leased: sorted.applied, taken: sorted.conditionFailed.length, unapplied: sorted.unapplied };
  }

  /**
   * Marks items PUBLISHED, each only if this relay still holds its lease: out of the pending index
   * (REMOVE `gsi1pk`/`gsi1sk`, so the sparse index holds only pending work) and expiring after the
   * retention period.
   */
  async markPublished(
    items: readonly LeasedOutboxItem[],
    options: { readonly now: Date } = { now: new Date() },
  ): Promise<MarkPublishedResult> {
    const outcomes = await runConditionalUpdates(
      this.documents,
      items.map((item) => ({
        statement:
          `UPDATE ${quoted(this.table)}` +
          ' SET "status" = ? SET "published_at" = ? SET "expires_at_epoch" = ?' +
          ' REMOVE "gsi1pk" REMOVE "gsi1sk" REMOVE "available_at" REMOVE "lease_token" REMOVE "lease_until"' +
          ' WHERE "pk" = ? AND "sk" = ? AND "status" = ? AND "lease_token" = ?',
        parameters: [
          'PUBLISHED' satisfies OutboxStatus,
          options.now.getTime(),
          retentionEpochSeconds(options.now, this.retentionMs),
          ...keyParameters(item),
          pending,
          item.leaseToken,
        ],
      })),
    );
    const sorted = sortOutcomes(items, outcomes);
    return { published: sorted.applied, leaseLost: sorted.conditionFailed, unapplied: sorted.unapplied };
  }

  /**
   * Gives a failed attempt back: the item stays PENDING, records `lastError`, releases the lease
   * and becomes available again at `nextDueAt` (its `gsi1sk` moves there; that is the backoff).
   *
   * @returns false if the lease was lost meanwhile (another relay has the item).
   */
  async markRetry(
    item: LeasedOutboxItem,
    options: { readonly nextDueAt: Date; readonly lastError: string },
  ): Promise<boolean> {
    return this.leasedUpdate(item, 'schedule a retry of outbox item', {
      UpdateExpression: 'SET available_at = :next, gsi1sk = :sk, last_error = :error REMOVE lease_token, lease_until',
      ExpressionAttributeValues: {
        ':next': options.nextDueAt.getTime(),
        ':sk': availabilityIndexKey(options.nextDueAt, item.event.eventId),
        ':error': boundedLastError(options.lastError),
      },
    });
  }

  /**
   * Gives up on an item: FAILED, out of the pending index, no TTL — kept for inspection (and a
   * deliberate replay), never silently dropped.
   *
   * @returns false if the lease was lost meanwhile (another relay has the item).
   */
  async markFailed(
    item: LeasedOutboxItem,
    options: { readonly lastError: string; readonly now?: Date },
  ): Promise<boolean> {
    return this.leasedUpdate(item, 'mark outbox item failed', {
      UpdateExpression:
        'SET #status = :failed, failed_at = :now, last_error = :error REMOVE gsi1pk, gsi1sk, available_at, lease_token, lease_until',
      ExpressionAttributeValues: {
        ':failed': 'FAILED' satisfies OutboxStatus,
        ':now': (options.now ?? new Date()).getTime(),
        ':error': boundedLastError(options.lastError),
      },
    });
  }

  /** The item of one event (strongly consistent), or `undefined`. For operators and tests. */
  async get(eventId: string): Promise<OutboxItem | undefined> {
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.table, Key: outboxItemKey(eventId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : outboxItemFromStored(Item);
    } catch (error) {
      throw translateDynamoError(error, `read outbox item ${eventId}`);
    }
  }

  /** An update that applies only while `item`'s lease is still this relay's; false if it is not. */
  private async leasedUpdate(
    item: LeasedOutboxItem,
    action: string,
    update: { readonly UpdateExpression: string; readonly ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.table,
          Key: outboxItemKey(item.event.eventId),
          UpdateExpression: update.UpdateExpression,
          ConditionExpression: '#status = :pending AND lease_token = :token',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':pending': pending, ':token': item.leaseToken },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw translateDynamoError(error, `${action} ${item.event.eventId}`);
    }
  }

  private async dueInBucket(bucket: number, now: Date, limit: number): Promise<{ items: OutboxItem[]; more: boolean }> {
    const items: OutboxItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      try {
        const page = await this.documents.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :bucket AND gsi1sk < :before',
            ExpressionAttributeValues: { ':bucket': pendingBucketKey(bucket), ':before': availableBeforeKey(now) },
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []).map(outboxItemFromStored));
        startKey = page.LastEvaluatedKey;
      } catch (error) {
        throw translateDynamoError(error, 'find due outbox items');
      }
    } while (startKey !== undefined && items.length < limit);
    return { items, more: startKey !== undefined };
  }
}

function keyParameters(item: OutboxItem): [string, string] {
  const key = outboxItemKey(item.event.eventId);
  return [key.pk, key.sk];
}

/** Splits `items` by how their conditional update ended. */
function sortOutcomes<T>(
  items: readonly T[],
  outcomes: readonly ConditionalUpdateOutcome[],
): { applied: T[]; conditionFailed: T[]; unapplied: UnappliedWrite<T>[] } {
  const sorted = { applied: [] as T[], conditionFailed: [] as T[], unapplied: [] as UnappliedWrite<T>[] };
  items.forEach((item, index) => {
    const outcome = outcomes[index] ?? { status: 'error', code: 'Missing', message: 'no outcome for this write' };
    if (outcome.status === 'applied') sorted.applied.push(item);
    else if (outcome.status === 'condition-failed') sorted.conditionFailed.push(item);
    else sorted.unapplied.push({ item, errorCode: outcome.code, errorMessage: outcome.message });
  });
  return sorted;
}
