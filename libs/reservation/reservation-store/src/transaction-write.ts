import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * One write of a DynamoDB transaction (an element of `TransactItems`): a `Put`, `Update`, `Delete`
 * or `ConditionCheck`, in the document client's plain-JavaScript form.
 *
 * The stores build these (`ReservationStore.createWrite`, `IdempotencyStore.completionWrite`, …)
 * instead of writing, so the caller can put several of them into ONE transaction — DESIGN.md: the
 * reservation, its outbox events and the idempotency completion are written all or nothing. Code
 * that may not import the SDK (apps, domain logic) passes them around through this alias without
 * looking inside.
 *
 * @example
 * const writes: TransactionWrite[] = [
 *   reservations.createWrite(reservation),
 *   ...outboxWrites,
 *   idempotency.completionWrite({ userId, key, requestHash, claimToken, response, now }),
 * ];
 * await reservations.commit(writes, { clientRequestToken: reservation.reservationId });
 */
export type TransactionWrite = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the writes of one TransactWriteItems call. */
export const maxTransactionWrites = 100;
