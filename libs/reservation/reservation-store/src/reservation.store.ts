import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, RecordedPayment, Reservation, ReservationStatus } from '@ticketing/reservation-domain';
import { translateDynamoError } from './dynamo-errors';
import { assertIdentifier, invalidInput } from './input-checks';
import { orderKey, reservationKey, userReservationsPartition } from './item-keys';
import { decodeListCursor, encodeListCursor } from './list-cursor';
import { orderFromItem } from './order-item.codec';
import { createOrderWrite } from './order-writes';
import { reservationFromItem } from './reservation-item.codec';
import {
  createReservationWrite,
  recordDuplicatePaymentWrite,
  recordPaymentWrite,
  type ReservationChanges,
  transitionReservationWrite,
} from './reservation-writes';
import type { RetryPolicy } from '@ticketing/stored-items';
import { defaultConflictRetryPolicy } from './retry-policy';
import { type CommitOptions, commitTransaction } from './transaction-commit';
import type { TransactionWrite } from './transaction-write';

/** Physical names of the tables a {@link ReservationStore} uses. */
export interface ReservationStoreTables {
  readonly reservationsTable: string;
  readonly ordersTable: string;
}

/** Tuning of a {@link ReservationStore}. */
export interface ReservationStoreOptions {
  /** How a commit cancelled by a transaction conflict is retried (default: 3 calls, ≤ 40 ms pauses). */
  readonly conflictRetry?: RetryPolicy;
}

/** One page of a user's reservations. */
export interface ReservationPage {
  /** Newest first. */
  readonly items: readonly Reservation[];
  /** Pass back as `cursor` for the next page; absent on the last page. Only valid for the same user. */
  readonly nextCursor?: string;
}

/** Largest page `listByUser` serves. */
export const maxReservationPageSize = 100;

/** Page size when none is asked for. */
export const defaultReservationPageSize = 20;

/**
 * Reservations and orders in DynamoDB.
 *
 * Writes are built, not sent (`createWrite`, `transitionWrite`, `recordPaymentWrite`,
 * `recordDuplicatePaymentWrite`, `orderCreateWrite`), and then committed together — with the outbox puts and the idempotency
 * completion — by ONE {@link ReservationStore.commit}: DESIGN.md's "one TransactWriteItems", so a
 * reservation never exists without its events and its Idempotency-Key outcome, or the other way
 * round. SDK exceptions never leak: every failure is a TicketingError (see `commit`).
 *
 * @example
 * const reservations = new ReservationStore(documents, { reservationsTable, ordersTable });
 * await reservations.commit(
 *   [reservations.createWrite(reservation), ...outboxPuts, idempotency.completionWrite(completion)],
 *   { clientRequestToken: reservation.reservationId },
 * );
 */
export class ReservationStore {
  private readonly conflictRetry: RetryPolicy;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: ReservationStoreTables,
    options: ReservationStoreOptions = {},
  ) {
    this.conflictRetry = options.conflictRetry ?? defaultConflictRetryPolicy;
    if (!(this.conflictRetry.maxAttempts >= 1)) throw new RangeError('conflictRetry.maxAttempts must be at least 1');
  }

  /** Put of a new reservation (condition: the id is unused). A taken id fails the commit. */
  createWrite(reservation: Reservation): TransactionWrite {
    return createReservationWrite(this.tables.reservationsTable, reservation);
  }

  /**
   * Status change from `reservation` (as read) to `to`, conditional on the stored status AND
   * version still being the read ones; bumps the version, sets `updated_at` and, when given, the
   * payment and the order id. Of concurrent changes from one read exactly one commits; the others
   * fail with WriteConditionFailedError whose `currentReservation()` is the winner's result.
   * `transitionedReservation()` gives the reservation as it will be stored.
   */
  transitionWrite(reservation: Reservation, to: ReservationStatus, changes: ReservationChanges): TransactionWrite {
    return transitionReservationWrite(this.tables.reservationsTable, reservation, to, changes);
  }

  /** Records `payment` on `reservation` (status unchanged), conditional on the version read; bumps it. */
  recordPaymentWrite(reservation: Reservation, payment: RecordedPayment): TransactionWrite {
    return recordPaymentWrite(this.tables.reservationsTable, reservation, payment);
  }

  /**
   * Notes `payment` as a duplicate approval of the settled `reservation` (status and recorded
   * payment unchanged), conditional on the version read; bumps it.
   */
  recordDuplicatePaymentWrite(reservation: Reservation, payment: RecordedPayment): TransactionWrite {
    return recordDuplicatePaymentWrite(this.tables.reservationsTable, reservation, payment);
  }

  /** Put of a new order (condition: the id is unused); commit it with the CONFIRMED transition. */
  orderCreateWrite(order: Order): TransactionWrite {
    return createOrderWrite(this.tables.ordersTable, order);
  }

  /**
   * Writes all of `writes` in ONE TransactWriteItems (1 to 100 writes, each on a different item),
   * or none of them:
   *
   * - a false condition → WriteConditionFailedError listing every failed write by index (its
   *   position in `writes`), key and target, with the stored item (ALL_OLD);
   * - a transaction conflict is retried a few times (nothing was applied), then
   *   StoreUnavailableError (`retryable: true`, UPSTREAM_UNAVAILABLE); so are throttling and
   *   outages; a timeout is UPSTREAM_TIMEOUT — retry with the same `clientRequestToken`;
   * - anything else → INTERNAL.
   */
  async commit(writes: readonly TransactionWrite[], options: CommitOptions = {}): Promise<void> {
    await commitTransaction(this.documents, writes, options, this.conflictRetry);
  }

  /** The reservation as stored now (strongly consistent read), or `undefined`. Owner checks are the caller's. */
  async get(reservationId: string): Promise<Reservation | undefined> {
    assertIdentifier('reservationId', reservationId);
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tables.reservationsTable, Key: reservationKey(reservationId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : reservationFromItem(Item);
    } catch (error) {
      throw translateDynamoError(error, `read reservation ${reservationId}`);
    }
  }

  /** The order (strongly consistent read), or `undefined`. */
  async getOrder(orderId: string): Promise<Order | undefined> {
    assertIdentifier('orderId', orderId);
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tables.ordersTable, Key: orderKey(orderId), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : orderFromItem(Item);
    } catch (error) {
      throw translateDynamoError(error, `read order ${orderId}`);
    }
  }

  /**
   * One page of `userId`'s reservations, newest first (`gsi1`). `nextCursor` is present exactly
   * when more items follow (the store reads one item ahead, so the last page never comes with a
   * cursor to an empty page). Cursors are opaque positions (see list-cursor.ts): whatever cursor is
   * passed, only `userId`'s own reservations are read.
   *
   * The index is eventually consistent: a reservation created a moment ago may be missing from
   * the first page for a short while (read it by id with `get` for read-your-writes).
   *
   * @param options.limit 1 to {@link maxReservationPageSize}; default {@link defaultReservationPageSize}.
   */
  async listByUser(userId: string, options: { readonly limit?: number; readonly cursor?: string } = {}): Promise<ReservationPage> {
    assertIdentifier('userId', userId);
    const limit = options.limit ?? defaultReservationPageSize;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxReservationPageSize) {
      throw invalidInput('limit', `must be an integer from 1 to ${maxReservationPageSize}`);
    }
    const startKey = options.cursor === undefined ? undefined : decodeListCursor(userId, options.cursor);
    let page;
    try {
      page = await this.documents.send(
        new QueryCommand({
          TableName: this.tables.reservationsTable,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :user',
          ExpressionAttributeValues: { ':user': userReservationsPartition(userId) },
          ScanIndexForward: false,
          // One ahead: tells whether another page exists without returning a cursor to nothing.
          Limit: limit + 1,
          ExclusiveStartKey: startKey,
        }),
      );
    } catch (error) {
      throw translateDynamoError(error, `list the reservations of user ${userId}`);
    }
    const found = page.Items ?? [];
    const items = found.slice(0, limit);
    const more = found.length > limit || page.LastEvaluatedKey !== undefined;
    const last = items.at(-1);
    if (!more || last === undefined) return { items: items.map(reservationFromItem) };
    return { items: items.map(reservationFromItem), nextCursor: encodeListCursor(String(last['gsi1sk'])) };
  }
}
