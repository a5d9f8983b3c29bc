import { TicketingError } from '@ticketing/errors';
import type { ReservationStore } from '../reservation.store';
import { StoreUnavailableError } from '../store-unavailable.error';
import type { TransactionWrite } from '../transaction-write';
import { WriteConditionFailedError } from '../write-condition-failed.error';
import type { ClaimStore, HeldClaim } from './claim-store';
import type { IdempotencyStore } from './idempotency.store';
import type { ClaimResult, StoredResponse } from './idempotency.types';

/** What the work of an idempotent request produced: the answer, and the writes that make it true. */
export interface IdempotentOutcome {
  readonly statusCode: number;
  readonly body: unknown;
  /** Written in ONE transaction together with the idempotency record's completion. */
  readonly writes: readonly TransactionWrite[];
  /** Undoes side effects outside DynamoDB (e.g. releases the inventory hold) when the write fails. */
  readonly compensate?: () => Promise<void>;
  /**
   * Makes the transaction idempotent in DynamoDB (10 minutes): a commit that timed out is sent
   * again with it once, so a write that did land is not compensated as if it had not.
   */
  readonly clientRequestToken?: string;
}

/** The answer to give, and whether it is a replay of an earlier one. */
export interface IdempotentAnswer {
  readonly statusCode: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/** One request under an Idempotency-Key. */
export interface IdempotentRequest {
  readonly userId: string;
  readonly key: string;
  /** Hash of what the request asks (method, path, body): the same key with another hash is a conflict. */
  readonly requestHash: string;
  readonly now: Date;
}

/**
 * The idempotency engine: runs `work` exactly once per (user, Idempotency-Key). Claims come from a
 * {@link ClaimStore} (the idempotency table, or Redis in front of it); outcomes are stored in the
 * {@link IdempotencyStore} (persistence). It knows no transport: the caller's adapter turns a
 * refusal into the final answer to store (`finalAnswerOf`; undefined for one the client may
 * retry), and the answers into its responses.
 *
 * ```
 *  claim key ──replay──▶ stored answer, same status and body
 *        │   ──other request──▶ IDEMPOTENCY_CONFLICT
 *        │   ──still running──▶ IDEMPOTENCY_IN_PROGRESS (retryAfterSeconds)
 *        ▼ claimed
 *  work ──▶ ONE TransactWriteItems: the writes + "key completed with this answer"
 *        │ cancelled by a stored record ──▶ compensated; that record's answer (replay, conflict, in-flight)
 *        │ a final refusal ──▶ stored as the answer
 *        └ anything else / crash ──▶ claim released (compensated), the client may retry
 * ```
 */
export async function runIdempotently(
  stores: { readonly claims: ClaimStore; readonly idempotency: IdempotencyStore; readonly reservations: ReservationStore },
  request: IdempotentRequest,
  work: () => Promise<IdempotentOutcome>,
  adapter: { readonly finalAnswerOf: (error: unknown) => StoredResponse | undefined },
): Promise<IdempotentAnswer> {
  const claim = await stores.claims.claim(request);
  if (claim.outcome !== 'claimed') return answerFrom(claim);
  const { held } = claim;

  let outcome: IdempotentOutcome;
  try {
    outcome = await work();
  } catch (error) {
    await settleFailure(held, adapter.finalAnswerOf(error), request.now);
    throw error;
  }
  const response = { statusCode: outcome.statusCode, body: outcome.body };
  const writes = [...outcome.writes, held.completionWrite(response, request.now)];
  const commit = () => stores.reservations.commit(writes, { clientRequestToken: outcome.clientRequestToken });
  try {
    await commit().catch(async (error: unknown) => {
      const unknownOutcome = error instanceof StoreUnavailableError && outcome.clientRequestToken !== undefined;
      if (!unknownOutcome) throw error;
      await commit();
    });
  } catch (error) {
    await outcome.compensate?.();
    await held.release();
    const stored = completionCancelled(error, writes.length - 1) ? await stores.idempotency.lookup(request) : undefined;
    if (stored) return answerFrom(stored);
    throw error;
  }
  await held.settled();
  return { ...response, replayed: false };
}

/** The answer a stored record gives: its replay, or the refusal it stands for. */
function answerFrom(result: Exclude<ClaimResult, { outcome: 'claimed' }>): IdempotentAnswer {
  if (result.outcome === 'replay') return { ...result.response, replayed: true };
  if (result.outcome === 'conflict') {
    throw new TicketingError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request.');
  }
  throw new TicketingError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running.', {
    details: { retryAfterSeconds: result.retryAfterSeconds },
  });
}

/** Whether the transaction was cancelled by the completion's condition (a record already stands for the key). */
function completionCancelled(error: unknown, completionIndex: number): boolean {
  return error instanceof WriteConditionFailedError && error.failedWrites.some((failed) => failed.index === completionIndex);
}

/** A final refusal is stored and answered the same way on every retry; otherwise the claim is released. */
async function settleFailure(held: HeldClaim, finalAnswer: StoredResponse | undefined, now: Date): Promise<void> {
  if (finalAnswer) {
    const stored = await held.complete(finalAnswer, now).then(
      () => true,
      () => false,
    );
    if (stored) {
      await held.settled();
      return;
    }
  }
  await held.release();
}
