import type { RecordedPayment, Reservation, ReservationStatus } from '@ticketing/reservation-domain';
import { assertInstant, assertKeySegment, invalidInput } from './input-checks';
import { reservationKey } from './item-keys';
import { paymentAttributes, reservationItem } from './reservation-item.codec';
import type { TransactionWrite } from './transaction-write';

/*
 * The writes that create and change a reservation, built but not sent: the caller commits them
 * together with outbox events, an order and the idempotency completion in ONE transaction.
 * Every write asks for the stored item on a failed condition (ALL_OLD), so the error of a lost
 * race carries the reservation as it is now and the caller needs no extra read.
 */

/** What a status change writes besides the status. */
export interface ReservationChanges {
  /** The payment that led to this change (confirm, refund-required), if any. */
  readonly payment?: RecordedPayment;
  /** The order a confirmed reservation became. */
  readonly orderId?: string;
  /** When the change happened. */
  readonly updatedAt: Date;
}

const statusName = { '#status': 'status' };

/** Put of a new reservation; fails its condition if the id exists already. */
export function createReservationWrite(reservationsTable: string, reservation: Reservation): TransactionWrite {
  assertKeySegment('reservation.reservationId', reservation.reservationId);
  assertKeySegment('reservation.userId', reservation.userId);
  if (!Number.isSafeInteger(reservation.version) || reservation.version < 1) {
    throw invalidInput('reservation.version', 'must be a positive integer');
  }
  return {
    Put: {
      TableName: reservationsTable,
      Item: reservationItem(reservation),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Optimistic status change: `reservation` is what the caller read; the write applies only if the
 * stored reservation still has that status AND that version, and bumps the version. Of two
 * concurrent changes from the same read (confirm vs cancel vs expire) exactly one can win; the
 * other fails its condition inside its transaction, so nothing of it is written.
 *
 * ```
 *  stored:  HOLD v3 ───────────────────────▶ CONFIRMED v4
 *  confirm: read v3 ── commit (HOLD ∧ v3) ──┘  ✔
 *  cancel:  read v3 ───────── commit (HOLD ∧ v3) ✘ condition false: stored is CONFIRMED v4
 * ```
 * Which transitions are allowed is the domain's decision; this write only makes them atomic.
 */
export function transitionReservationWrite(
  reservationsTable: string,
  reservation: Reservation,
  to: ReservationStatus,
  changes: ReservationChanges,
): TransactionWrite {
  assertInstant('changes.updatedAt', changes.updatedAt);
  if (changes.orderId !== undefined) assertKeySegment('changes.orderId', changes.orderId);
  const sets = ['#status = :to', 'version = :next', 'updated_at = :updatedAt'];
  const values: Record<string, unknown> = {
    ':from': reservation.status,
    ':to': to,
    ':version': reservation.version,
    ':next': reservation.version + 1,
    ':updatedAt': changes.updatedAt.getTime(),
  };
  if (changes.orderId !== undefined) {
    sets.push('order_id = :orderId');
    values[':orderId'] = changes.orderId;
  }
  if (changes.payment !== undefined) addPaymentSets(changes.payment, sets, values);
  return {
    Update: {
      TableName: reservationsTable,
      Key: reservationKey(reservation.reservationId),
      ConditionExpression: '#status = :from AND version = :version',
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Records a payment outcome on a reservation without changing its status (e.g. a failed payment
 * the worker notes before cancelling, or an approval noted before the confirm). Conditional on the
 * version read, which it bumps; `updated_at` becomes the payment's `recordedAt`.
 */
export function recordPaymentWrite(reservationsTable: string, reservation: Reservation, payment: RecordedPayment): TransactionWrite {
  assertInstant('payment.recordedAt', payment.recordedAt);
  const sets = ['version = :next', 'updated_at = :updatedAt'];
  const values: Record<string, unknown> = {
    ':version': reservation.version,
    ':next': reservation.version + 1,
    ':updatedAt': payment.recordedAt.getTime(),
  };
  addPaymentSets(payment, sets, values);
  return {
    Update: {
      TableName: reservationsTable,
      Key: reservationKey(reservation.reservationId),
      ConditionExpression: 'version = :version',
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * Notes a further approved payment of an already settled reservation (status and recorded
 * payment unchanged): adds its intent to `duplicate_payment_intents`, conditional on the version
 * read, which it bumps — so two reports of the same duplicate cannot both be noted.
 */
export function recordDuplicatePaymentWrite(
  reservationsTable: string,
  reservation: Reservation,
  payment: RecordedPayment,
): TransactionWrite {
  assertInstant('payment.recordedAt', payment.recordedAt);
  return {
    Update: {
      TableName: reservationsTable,
      Key: reservationKey(reservation.reservationId),
      ConditionExpression: 'version = :version',
      UpdateExpression: 'SET version = :next, updated_at = :updatedAt ADD duplicate_payment_intents :intent',
      ExpressionAttributeValues: {
        ':version': reservation.version,
        ':next': reservation.version + 1,
        ':updatedAt': payment.recordedAt.getTime(),
        ':intent': new Set([payment.paymentIntentId]),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The reservation as {@link transitionReservationWrite} leaves it once committed. */
export function transitionedReservation(reservation: Reservation, to: ReservationStatus, changes: ReservationChanges): Reservation {
  return {
    ...reservation,
    status: to,
    version: reservation.version + 1,
    updatedAt: changes.updatedAt,
    payment: changes.payment ?? reservation.payment,
    orderId: changes.orderId ?? reservation.orderId,
  };
}

/** The reservation as {@link recordDuplicatePaymentWrite} leaves it once committed. */
export function reservationWithDuplicatePayment(reservation: Reservation, payment: RecordedPayment): Reservation {
  return {
    ...reservation,
    duplicatePaymentIntentIds: [...new Set([...reservation.duplicatePaymentIntentIds, payment.paymentIntentId])].sort(),
    version: reservation.version + 1,
    updatedAt: payment.recordedAt,
  };
}

/** The reservation as {@link recordPaymentWrite} leaves it once committed. */
export function reservationWithPayment(reservation: Reservation, payment: RecordedPayment): Reservation {
  return { ...reservation, payment, version: reservation.version + 1, updatedAt: payment.recordedAt };
}

function addPaymentSets(payment: RecordedPayment, sets: string[], values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(paymentAttributes(payment))) {
    sets.push(`${name} = :${name}`);
    values[`:${name}`] = value;
  }
}
