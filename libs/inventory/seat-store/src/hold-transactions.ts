import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Hold, HoldStatus, ReleaseReason, SeatState } from '@ticketing/inventory-domain';
import { newHoldItem, retentionEpochSeconds } from './hold-item.codec';
import { holdKey, seatKey } from './item-keys';

/*
 * The three transactions that move seats and holds together. Each is ONE TransactWriteItems: every
 * seat update plus the hold item, all or nothing. The seat items come first, in the order given;
 * the hold item is always LAST, so cancellation reason `i < seats.length` is about seat `i` and
 * the final reason is about the hold.
 */

/** One entry of `TransactItems`. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Physical table names the hold transactions write. */
export interface HoldTables {
  readonly seatsTable: string;
  readonly holdsTable: string;
}

const statusName = { '#status': 'status' };

/**
 * Place: take every seat and create the hold record.
 *
 * A seat is taken when it is AVAILABLE, or HELD by a hold that expired before `now` (lazy expiry:
 * no sweeper has to run first), or HELD by this very hold (a retry). SOLD and BLOCKED never
 * qualify — not even for this hold id, so a retried place can never un-sell a committed seat.
 *
 * ```
 *  seat A-1:  HELD by rsv_old, expires 12:00:00.000
 *                                   │
 *  rsv_new place, :now = 11:59:59.9 │ condition false (rsv_old still valid) → whole hold cancelled
 *  ─────────────────────────────────┼────────────────────────────────────────────────▶ time
 *                                   │ rsv_new place, :now = 12:00:00.1 → condition true → taken
 *                                   │ rsv_old commit  (hold_id = rsv_old AND hold_expires_at >= :now)
 *                                   │                 → false: the seat is no longer rsv_old's
 * ```
 * The boundary is decided by each writer's `now`: a commit at exactly the expiry instant still
 * wins (`>=`), a new hold needs `<`. Both conditions read the same stored attribute inside
 * DynamoDB's serialised item write, so exactly one of two racing writers can succeed.
 */
export function placeHoldItems(tables: HoldTables, hold: Hold, now: Date, retentionMs: number): TransactItem[] {
  const seatUpdates: TransactItem[] = hold.seats.map((seat) => ({
    Update: {
      TableName: tables.seatsTable,
      Key: seatKey(hold.eventId, seat),
      ConditionExpression: '#status = :available OR (#status = :held AND (hold_expires_at < :now OR hold_id = :holdId))',
      UpdateExpression:
        'SET #status = :held, hold_id = :holdId, held_by = :userId, hold_expires_at = :expiresAt, version = version + :one',
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: {
        ':available': 'AVAILABLE',
        ':held': 'HELD',
        ':now': now.getTime(),
        ':holdId': hold.holdId,
        ':userId': hold.userId,
        ':expiresAt': hold.expiresAt.getTime(),
        ':one': 1,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  }));
  const holdPut: TransactItem = {
    Put: {
      TableName: tables.holdsTable,
      Item: newHoldItem(hold, now, retentionMs),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  return [...seatUpdates, holdPut];
}

/**
 * Commit: every seat HELD by this hold → SOLD, the hold ACTIVE → COMMITTED with the payment
 * reference. Unless `allowExpired`, each seat must still be within its hold
 * (`hold_expires_at >= :now`, see the timeline on {@link placeHoldItems}); with `allowExpired`
 * (payment arrived after expiry) the seats only need to still be held by this hold, i.e. nobody
 * took them since. The hold leaves `gsi1` and loses its TTL: a committed hold is the inventory's
 * record of who bought which seats, kept for support and refunds.
 */
export function commitHoldItems(
  tables: HoldTables,
  hold: Hold,
  paymentReference: string,
  now: Date,
  allowExpired: boolean,
): TransactItem[] {
  const seatUpdates: TransactItem[] = hold.seats.map((seat) => ({
    Update: {
      TableName: tables.seatsTable,
      Key: seatKey(hold.eventId, seat),
      ConditionExpression: allowExpired
        ? '#status = :held AND hold_id = :holdId'
        : '#status = :held AND hold_id = :holdId AND hold_expires_at >= :now',
      UpdateExpression: 'SET #status = :sold, version = version + :one REMOVE hold_expires_at',
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: {
        ':held': 'HELD',
        ':sold': 'SOLD',
        ':holdId': hold.holdId,
        ':one': 1,
        ...(allowExpired ? {} : { ':now': now.getTime() }),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  }));
  const holdUpdate: TransactItem = {
    Update: {
      TableName: tables.holdsTable,
      Key: holdKey(hold.holdId),
      ConditionExpression: '#status = :active',
      UpdateExpression:
        'SET #status = :committed, payment_reference = :paymentReference, version = version + :one REMOVE gsi1pk, gsi1sk, expires_at_epoch',
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: {
        ':active': 'ACTIVE',
        ':committed': 'COMMITTED',
        ':paymentReference': paymentReference,
        ':one': 1,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  return [...seatUpdates, holdUpdate];
}

/** The status a released hold ends in: EXPIRED when its expiry released it, else RELEASED. */
export function releasedStatus(reason: ReleaseReason): HoldStatus {
  return reason === 'EXPIRED' ? 'EXPIRED' : 'RELEASED';
}

/**
 * Release: the given seats (read just before, still HELD by this hold) → AVAILABLE, and the hold
 * ACTIVE → RELEASED/EXPIRED. Each seat's condition pins the version that was read, so a seat that
 * changed in between (re-held by a retry, or taken by another hold after expiry) cancels the
 * transaction and the caller re-reads: a released seat's new version is then exactly read + 1.
 * SOLD seats and other holds' seats are never in `seats`, and could not pass the condition anyway.
 */
export function releaseHoldItems(
  tables: HoldTables,
  hold: Hold,
  seats: readonly SeatState[],
  reason: ReleaseReason,
  now: Date,
  retentionMs: number,
): TransactItem[] {
  const seatUpdates: TransactItem[] = seats.map((seat) => ({
    Update: {
      TableName: tables.seatsTable,
      Key: seatKey(hold.eventId, seat),
      ConditionExpression: '#status = :held AND hold_id = :holdId AND version = :version',
      UpdateExpression: 'SET #status = :available, version = version + :one REMOVE hold_id, held_by, hold_expires_at',
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: {
        ':held': 'HELD',
        ':available': 'AVAILABLE',
        ':holdId': hold.holdId,
        ':version': seat.version,
        ':one': 1,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  }));
  const holdUpdate: TransactItem = {
    Update: {
      TableName: tables.holdsTable,
      Key: holdKey(hold.holdId),
      ConditionExpression: '#status = :active',
      UpdateExpression:
        'SET #status = :final, release_reason = :reason, version = version + :one, expires_at_epoch = :ttl REMOVE gsi1pk, gsi1sk',
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: {
        ':active': 'ACTIVE',
        ':final': releasedStatus(reason),
        ':reason': reason,
        ':one': 1,
        ':ttl': retentionEpochSeconds(now, retentionMs),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  return [...seatUpdates, holdUpdate];
}
