import { TicketingError } from '@ticketing/errors';
import { errorBody, httpStatusOf } from '../error-handler';
import {
  isFinalStatusCode,
  StoreUnavailableError,
  type IdempotencyStore,
  type ReservationStore,
  type TransactionWrite,
} from '@ticketing/reservation-store';

/** What an idempotent POST produced: the response, and the writes that make it true. */
export interface PostOutcome {
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

/** The answer to send, and whether it is a replay of an earlier one. */
export interface PostAnswer {
  readonly statusCode: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/**
 * Runs a POST exactly once per (user, Idempotency-Key):
 *
 * ```
 *  claim key (conditional put) ──replay──▶ stored answer, same status and body
 *        │                     ──other body──▶ 409 IDEMPOTENCY_CONFLICT
 *        │                     ──still running──▶ 409 IDEMPOTENCY_IN_PROGRESS + Retry-After
 *        ▼ claimed
 *  work (inventory call …) ──▶ ONE TransactWriteItems: the writes + "key completed with this answer"
 *        │ 4xx except 409/429 ──▶ stored as the final answer
 *        └ 5xx / 409 / 429 / crash ──▶ claim released (compensated), the client may retry
 * ```
 */
export async function runIdempotentPost(
  stores: { readonly idempotency: IdempotencyStore; readonly reservations: ReservationStore },
  request: {
    readonly userId: string;
    readonly key: string;
    readonly requestHash: string;
    readonly now: Date;
    /** Stored in a final error answer, so its replay is the same body. */
    readonly traceId: string;
  },
  work: () => Promise<PostOutcome>,
): Promise<PostAnswer> {
  const claim = await stores.idempotency.claim({
    userId: request.userId,
    key: request.key,
    requestHash: request.requestHash,
    now: request.now,
  });
  if (claim.outcome === 'replay') return { ...claim.response, replayed: true };
  if (claim.outcome === 'conflict') {
    throw new TicketingError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request.');
  }
  if (claim.outcome === 'in-flight') {
    throw new TicketingError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running.', {
      details: { retryAfterSeconds: claim.retryAfterSeconds },
    });
  }
  const held = { userId: request.userId, key: request.key, requestHash: request.requestHash, claimToken: claim.claimToken };

  let outcome: PostOutcome;
  try {
    outcome = await work();
  } catch (error) {
    await settleFailure(stores.idempotency, held, error, request);
    throw error;
  }
  const response = { statusCode: outcome.statusCode, body: outcome.body };
  const writes = [...outcome.writes, stores.idempotency.completionWrite({ ...held, response, now: request.now })];
  const commit = () => stores.reservations.commit(writes, { clientRequestToken: outcome.clientRequestToken });
  try {
    await commit().catch(async (error: unknown) => {
      const unknownOutcome = error instanceof StoreUnavailableError && outcome.clientRequestToken !== undefined;
      if (!unknownOutcome) throw error;
      await commit();
    });
  } catch (error) {
    await outcome.compensate?.();
    await stores.idempotency.release(held).catch(() => false);
    throw error;
  }
  return { ...response, replayed: false };
}

/** Final refusals (400, 404, 412 …) are answered the same way on every retry; the rest may be retried. */
async function settleFailure(
  idempotency: IdempotencyStore,
  claim: Parameters<IdempotencyStore['release']>[0],
  error: unknown,
  request: { readonly now: Date; readonly traceId: string },
): Promise<void> {
  if (error instanceof TicketingError) {
    const statusCode = httpStatusOf(error.code);
    if (isFinalStatusCode(statusCode)) {
      const body = errorBody(error.code, error.message, request.traceId);
      const stored = await idempotency.complete({ ...claim, response: { statusCode, body }, now: request.now }).then(
        () => true,
        () => false,
      );
      if (stored) return;
    }
  }
  await idempotency.release(claim).catch(() => false);
}
