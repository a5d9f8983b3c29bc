import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Hold,
  holdConflict,
  holdExpired,
  holdNotActive,
  holdNotFound,
  inventoryContended,
  invalidField,
  maxSeatsPerHoldCeiling,
  type ReleaseReason,
  type SeatState,
} from '@ticketing/inventory-domain';
import { mapConcurrently } from '@ticketing/stored-items';
import { clientRequestTokenFor } from './client-request-token';
import { awsErrorName, cancellationReasons, translateDynamoError } from './dynamo-errors';
import { holdFromItem } from './hold-item.codec';
import { commitHoldItems, type HoldTables, placeHoldItems, releasedStatus, releaseHoldItems } from './hold-transactions';
import { activeHoldBucketKey, activeHoldBuckets, expiryIndexKey, holdKey } from './item-keys';
import { backoffDelayMs, type RetryPolicy, sleep } from '@ticketing/stored-items';
import { seatStateFromItem } from './seat-item.codec';
import { SeatStore } from './seat.store';
import { SeatsUnavailableError } from './seats-unavailable.error';

/** Tuning of the {@link HoldStore}. */
export interface HoldStoreOptions {
  /**
   * How long a hold record outlives its need, for support and idempotent retries: an ACTIVE hold's
   * TTL is its expiry + this, a released or expired one's is its release + this. Committed holds
   * have no TTL. E.g. 7 days.
   */
  readonly retentionMs: number;
  /** Read-then-release rounds before a release that keeps racing gives up (default 4). */
  readonly releaseAttempts?: number;
  /** Pauses between those rounds, and retries of unprocessed keys when reading seats. */
  readonly retry?: RetryPolicy;
}

/** What {@link HoldStore.placeHold} did. */
export type PlaceHoldResult =
  /** The seats and the hold record were written (or DynamoDB replayed this exact request). */
  | { readonly outcome: 'placed'; readonly hold: Hold }
  /**
   * A hold with this id already exists: nothing was written. Read it with `getHold` and compare
   * its request fingerprint — the same request is an idempotent retry, another one HOLD_CONFLICT.
   */
  | { readonly outcome: 'hold-exists' };

/** A committed hold and its seats, now SOLD. */
export interface CommitHoldResult {
  readonly hold: Hold;
  readonly seats: readonly SeatState[];
}

/** A released (or expired) hold and the seats this call gave back. */
export interface ReleaseHoldResult {
  readonly hold: Hold;
  /** The seats' new states (AVAILABLE, version + 1); empty when nothing was still held. */
  readonly releasedSeats: readonly SeatState[];
}

const conditionFailed = 'ConditionalCheckFailed';

/**
 * The arbiter: the only code that changes seat status. Every change of a hold and its seats is
 * ONE DynamoDB transaction (see hold-transactions.ts for the conditions and their time window);
 * SDK exceptions are translated into catalogue errors and never leak.
 *
 * @example
 * const holds = new HoldStore(documents, { seatsTable, holdsTable }, { retentionMs: 7 * 24 * 3600_000 });
 * const result = await holds.placeHold({ hold, now: new Date() });
 * if (result.outcome === 'hold-exists') return compareWithExisting(await holds.getHold(hold.holdId));
 */
export class HoldStore {
  private readonly seats: SeatStore;
  private readonly releaseAttempts: number;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: HoldTables,
    private readonly options: HoldStoreOptions,
  ) {
    if (!(options.retentionMs > 0)) throw new RangeError('HoldStore retentionMs must be positive');
    this.seats = new SeatStore(documents, { seatsTable: tables.seatsTable }, { retry: options.retry });
    this.releaseAttempts = options.releaseAttempts ?? 4;
    this.retry = options.retry ?? { maxAttempts: this.releaseAttempts, baseDelayMs: 20, maxDelayMs: 200 };
  }

  /**
   * Takes every seat of `hold` and writes the hold record, in ONE transaction whose
   * `ClientRequestToken` is the hold id: all seats or none.
   *
   * - A seat that is held by a live hold, sold, blocked or missing → {@link SeatsUnavailableError}
   *   (INVENTORY_CONFLICT) listing every such seat with its current state; nothing was written.
   * - The hold id exists already → `{ outcome: 'hold-exists' }`; nothing was written.
   * - The very same request again within DynamoDB's 10-minute token window → `placed`, without a
   *   second write. The same hold id with different parameters inside that window (a retry with a
   *   later `now`) → `hold-exists` when the first attempt created the hold, else HOLD_CONFLICT.
   * - INVENTORY_CONTENDED (a concurrent transaction on the same seats), INVENTORY_THROTTLED,
   *   UPSTREAM_UNAVAILABLE/TIMEOUT: nothing is known to be written; retrying is safe.
   *
   * @param input.hold an ACTIVE hold with 1 to {@link maxSeatsPerHoldCeiling} distinct seats.
   * @param input.now the instant a held seat's expiry is judged against (lazy expiry).
   */
  async placeHold(input: { readonly hold: Hold; readonly now: Date }): Promise<PlaceHoldResult> {
    const { hold, now } = input;
    assertPlaceable(hold);
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: placeHoldItems(this.tables, hold, now, this.options.retentionMs),
          ClientRequestToken: clientRequestTokenFor(hold.holdId),
        }),
      );
      return { outcome: 'placed', hold };
    } catch (error) {
      return this.placeFailure(error, hold);
    }
  }

  /** The hold as stored now (strongly consistent), or `undefined`. */
  async getHold(holdId: string): Promise<Hold | undefined> {
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tables.holdsTable, Key: holdKey(holdId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : holdFromItem(Item);
    } catch (error) {
      throw translateDynamoError(error, `read hold ${holdId}`);
    }
  }

  /**
   * Sells the hold's seats: seats HELD by this hold → SOLD and the hold ACTIVE → COMMITTED with
   * `paymentReference`, in ONE transaction. Returns the committed hold and its seats as stored
   * afterwards (one consistent read; SOLD is final, so they cannot have moved on).
   *
   * - Already COMMITTED with the same payment reference → returned as is (idempotent).
   * - COMMITTED with another reference, RELEASED or EXPIRED → HOLD_NOT_ACTIVE; unknown → HOLD_NOT_FOUND.
   * - A seat no longer held by this hold, or (unless `allowExpired`) past its hold's expiry at
   *   `now` → HOLD_EXPIRED; nothing was written. `allowExpired` is for a payment that arrived
   *   late: the sale still goes through if nobody has taken the seats since.
   */
  async commitHold(input: {
    readonly hold: Hold;
    readonly paymentReference: string;
    readonly now: Date;
    readonly allowExpired?: boolean;
  }): Promise<CommitHoldResult> {
    const { hold, paymentReference, now, allowExpired = false } = input;
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: commitHoldItems(this.tables, hold, paymentReference, now, allowExpired),
        }),
      );
    } catch (error) {
      return this.commitFailure(error, hold, paymentReference);
    }
    const committed: Hold = { ...hold, status: 'COMMITTED', paymentReference };
    return { hold: committed, seats: await this.seats.readSeats(hold.eventId, hold.seats) };
  }

  /**
   * Gives the hold's seats back: reads them (consistently), then in ONE transaction sets those
   * still HELD by this hold to AVAILABLE and moves the hold ACTIVE → RELEASED (EXPIRED when
   * `reason` is EXPIRED), out of the sweeper's index. Seats that are SOLD, or that another hold
   * took after this one expired, are left alone. If a seat changes between the read and the write
   * the round is repeated (bounded; then INVENTORY_CONTENDED).
   *
   * Idempotent: a hold already RELEASED or EXPIRED is returned unchanged with no seats. A
   * COMMITTED hold → HOLD_NOT_ACTIVE (a late release must never un-sell); unknown → HOLD_NOT_FOUND.
   */
  async releaseHold(input: { readonly hold: Hold; readonly reason: ReleaseReason; readonly now: Date }): Promise<ReleaseHoldResult> {
    const { hold, reason, now } = input;
    let lastFailure: unknown;
    for (let attempt = 1; attempt <= this.releaseAttempts; attempt++) {
      if (attempt > 1) await sleep(backoffDelayMs(attempt - 1, this.retry));
      const current = await this.seats.readSeats(hold.eventId, hold.seats);
      const ours = current.filter((seat) => seat.status === 'HELD' && seat.holdId === hold.holdId);
      try {
        await this.documents.send(
          new TransactWriteCommand({
            TransactItems: releaseHoldItems(this.tables, hold, ours, reason, now, this.options.retentionMs),
          }),
        );
        const released: Hold = { ...hold, status: releasedStatus(reason), releaseReason: reason };
        return { hold: released, releasedSeats: ours.map(availableAgain) };
      } catch (error) {
        const reasons = cancellationReasons(error);
        const holdReason = reasons?.[ours.length];
        if (holdReason?.code === conditionFailed) {
          const stored = holdReason.item === undefined ? undefined : holdFromItem(holdReason.item);
          if (stored === undefined) throw holdNotFound(hold.holdId, error);
          if (stored.status === 'COMMITTED') throw holdNotActive(hold.holdId, stored.status, error);
          if (stored.status !== 'ACTIVE') return { hold: stored, releasedSeats: [] };
        }
        const raced = reasons?.some((r) => r.code === conditionFailed || r.code === 'TransactionConflict');
        if (!raced) throw translateDynamoError(error, `release hold ${hold.holdId}`);
        lastFailure = error;
      }
    }
    throw inventoryContended(lastFailure);
  }

  /**
   * ACTIVE holds whose expiry is before `now`, soonest-expired first, at most `limit` — the
   * sweeper's work list. Reads the sparse `gsi1` (one Query per bucket, in parallel); the index is
   * eventually consistent, so a listed hold may have been released a moment ago: `releaseHold` is
   * idempotent, which makes that harmless.
   */
  async findExpiredActiveHolds(now: Date, options: { readonly limit: number }): Promise<Hold[]> {
    const buckets = Array.from({ length: activeHoldBuckets }, (_, bucket) => bucket);
    const perBucket = await mapConcurrently(buckets, activeHoldBuckets, (bucket) =>
      this.expiredInBucket(bucket, now, options.limit),
    );
    return perBucket
      .flat()
      .filter((hold) => hold.status === 'ACTIVE')
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, options.limit);
  }

  private async expiredInBucket(bucket: number, now: Date, limit: number): Promise<Hold[]> {
    const holds: Hold[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      try {
        const page = await this.documents.send(
          new QueryCommand({
            TableName: this.tables.holdsTable,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :bucket AND gsi1sk < :now',
            ExpressionAttributeValues: { ':bucket': activeHoldBucketKey(bucket), ':now': expiryIndexKey(now) },
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        );
        holds.push(...(page.Items ?? []).map(holdFromItem));
        startKey = page.LastEvaluatedKey;
      } catch (error) {
        throw translateDynamoError(error, 'list expired holds');
      }
    } while (startKey !== undefined && holds.length < limit);
    return holds;
  }

  private async placeFailure(error: unknown, hold: Hold): Promise<PlaceHoldResult> {
    const reasons = cancellationReasons(error);
    if (reasons !== undefined) {
      // DynamoDB reports every failed condition; the hold record's comes first in meaning: if the
      // hold exists this is a retry, whatever its seats look like now (e.g. SOLD after commit).
      if (reasons[hold.seats.length]?.code === conditionFailed) return { outcome: 'hold-exists' };
      const lost = hold.seats.flatMap((seat, index) =>
        reasons[index]?.code === conditionFailed ? [{ seat, item: reasons[index]?.item }] : [],
      );
      if (lost.length > 0) {
        throw new SeatsUnavailableError(
          lost.map(({ seat }) => seat.seatId),
          lost.flatMap(({ item }) => (item === undefined ? [] : [seatStateFromItem(item)])),
          error,
        );
      }
    }
    if (awsErrorName(error) === 'IdempotentParameterMismatchException') {
      if ((await this.getHold(hold.holdId)) !== undefined) return { outcome: 'hold-exists' };
      throw holdConflict(hold.holdId, error);
    }
    throw translateDynamoError(error, `place hold ${hold.holdId}`);
  }

  private async commitFailure(error: unknown, hold: Hold, paymentReference: string): Promise<CommitHoldResult> {
    const reasons = cancellationReasons(error);
    if (reasons !== undefined) {
      const holdReason = reasons[hold.seats.length];
      if (holdReason?.code === conditionFailed) {
        const stored = holdReason.item === undefined ? undefined : holdFromItem(holdReason.item);
        if (stored === undefined) throw holdNotFound(hold.holdId, error);
        if (stored.status === 'COMMITTED' && stored.paymentReference === paymentReference) {
          return { hold: stored, seats: await this.seats.readSeats(stored.eventId, stored.seats) };
        }
        throw holdNotActive(hold.holdId, stored.status, error);
      }
      if (reasons.some((reason) => reason.code === conditionFailed)) throw holdExpired(hold.holdId, hold.expiresAt, error);
    }
    throw translateDynamoError(error, `commit hold ${hold.holdId}`);
  }
}

function assertPlaceable(hold: Hold): void {
  if (hold.status !== 'ACTIVE') throw invalidField('hold.status', `a new hold must be ACTIVE, not ${hold.status}`);
  if (hold.seats.length === 0 || hold.seats.length > maxSeatsPerHoldCeiling) {
    throw invalidField('hold.seats', `a hold takes 1 to ${maxSeatsPerHoldCeiling} seats, not ${hold.seats.length}`);
  }
  const seen = new Set<string>();
  const duplicates = hold.seats.filter(({ seatId }) => seen.size === seen.add(seatId).size).map(({ seatId }) => seatId);
  if (duplicates.length > 0) throw invalidField('hold.seats', 'each seat may be held once', duplicates);
}

function availableAgain(seat: SeatState): SeatState {
  return { ...seat, status: 'AVAILABLE', version: seat.version + 1, holdId: undefined, heldBy: undefined, holdExpiresAt: undefined };
}
