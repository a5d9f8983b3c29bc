import type { Reservation } from '@ticketing/reservation-domain';
import { TicketingError } from '@ticketing/errors';
import { reservationFromItem } from './reservation-item.codec';
import { type WriteOperation, type WriteTarget, writeLabel } from './write-target';

/** One write of a committed batch whose condition was false. */
export interface FailedWrite {
  /** Its position in the writes given to `commit` (DynamoDB's cancellation reason index). */
  readonly index: number;
  readonly operation: WriteOperation;
  readonly tableName: string;
  /** Its primary key (`pk`, `sk`). */
  readonly key: Readonly<Record<string, unknown>>;
  /** What it was about, as far as this lib can tell from the key. */
  readonly target: WriteTarget;
  /**
   * The item as stored when the condition was evaluated (`ReturnValuesOnConditionCheckFailure:
   * ALL_OLD`, which every write of this lib asks for); `undefined` when no such item existed — or
   * the write did not ask.
   */
  readonly storedItem: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A transaction (or a single conditional write) was cancelled because the condition of one or
 * more of its writes was false; NOTHING of it was written. `failedWrites` names each failed write
 * — by index, key and target — with the item as it is stored now, so the caller can decide what
 * the loss means without another read:
 *
 * - a reservation Update (transition, payment) lost an optimistic race: `currentReservation()` is
 *   the winner's result (or `undefined`: no such reservation);
 * - a reservation or order Put found the id taken (a duplicate create: a bug or a replay);
 * - the idempotency completion found the claim no longer IN_PROGRESS under this caller's token
 *   (released, completed by a takeover, or taken over after the lease ran out).
 *
 * Not retryable as is (`retryable: false`): the same writes would fail the same way.
 *
 * Code: IDEMPOTENCY_IN_PROGRESS (409, "retry later") when the idempotency record is among the
 * failures — the client's retry then gets the winner's replay or a fresh claim. Otherwise
 * INTERNAL: the catalogue has no code for "the reservation changed under you", and only the
 * caller knows whether the loss is a 409 for its client (confirm lost to cancel), a no-op (the
 * worker expiring a reservation that was just confirmed) or a bug. Callers are expected to catch
 * this error; if it escapes, it surfaces as a 500.
 *
 * @example
 * try {
 *   await reservations.commit([reservations.transitionWrite(read, 'CONFIRMED', { orderId, updatedAt: now }), orderPut]);
 * } catch (error) {
 *   const current = error instanceof WriteConditionFailedError ? error.currentReservation(read.reservationId) : undefined;
 *   if (current?.status === 'CANCELLED') throw reservationNoLongerHeld(current);
 *   throw error;
 * }
 */
export class WriteConditionFailedError extends TicketingError {
  override readonly name: string = 'WriteConditionFailedError';
  readonly retryable = false as const;

  constructor(
    readonly failedWrites: readonly FailedWrite[],
    cause?: unknown,
  ) {
    const claimLost = failedWrites.some((write) => write.target.kind === 'idempotency-record');
    const labels = failedWrites.map((write) => writeLabel(write.index, write.target));
    super(
      claimLost ? 'IDEMPOTENCY_IN_PROGRESS' : 'INTERNAL',
      claimLost
        ? 'This Idempotency-Key was taken over by another request; retry to get its outcome.'
        : `Nothing was written: ${labels.join(', ')} changed concurrently or already exists.`,
      { details: { failedWrites: failedWrites.map(({ index, operation, target }) => ({ index, operation, ...target })) }, cause },
    );
  }

  /** The failed write on the given target kind (the first, when there are several). */
  failedWriteOn(kind: WriteTarget['kind']): FailedWrite | undefined {
    return this.failedWrites.find((write) => write.target.kind === kind);
  }

  /**
   * The stored reservation a failed reservation write found (the race's winner), decoded; with
   * `reservationId`, only that reservation's write counts. `undefined` when no reservation write
   * failed, or the reservation does not exist.
   */
  currentReservation(reservationId?: string): Reservation | undefined {
    const failed = this.failedWrites.find(
      (write) =>
        write.target.kind === 'reservation' && (reservationId === undefined || write.target.reservationId === reservationId),
    );
    return failed?.storedItem === undefined ? undefined : reservationFromItem(failed.storedItem);
  }
}
