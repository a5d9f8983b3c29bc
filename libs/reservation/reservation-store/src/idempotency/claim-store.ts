import type { TransactionWrite } from '../transaction-write';
import type { IdempotencyStore } from './idempotency.store';
import type { ClaimResult, IdempotencyClaimRequest, StoredResponse } from './idempotency.types';

/**
 * A claim this request holds on its Idempotency-Key, whichever store keeps it: the idempotency
 * table ({@link tableClaims}) or Redis (`RedisClaims`, which costs the table nothing until the
 * request has something to write).
 */
export interface HeldClaim {
  /** The completion as a write of the request's final transaction (all or nothing with its other writes). */
  completionWrite(response: StoredResponse, now: Date): TransactionWrite;
  /** Stores a final refusal on its own (it writes nothing else). */
  complete(response: StoredResponse, now: Date): Promise<void>;
  /** Gives the key back: the outcome was not final, the client may retry. Never throws. */
  release(): Promise<void>;
  /** After the completion landed: lets later duplicates learn it cheaply. Never throws. */
  settled(): Promise<void>;
}

/** What a claim got: the key, or why not (as {@link ClaimResult}). */
export type Claim = Exclude<ClaimResult, { outcome: 'claimed' }> | { readonly outcome: 'claimed'; readonly held: HeldClaim };

/** Where requests claim their Idempotency-Keys. */
export interface ClaimStore {
  claim(request: IdempotencyClaimRequest): Promise<Claim>;
}

/** Claims kept in the idempotency table itself: one conditional PutItem per request (see IdempotencyStore). */
export function tableClaims(store: IdempotencyStore): ClaimStore {
  return {
    claim: async (request) => {
      const result = await store.claim(request);
      if (result.outcome !== 'claimed') return result;
      const claim = { userId: request.userId, key: request.key, requestHash: request.requestHash, claimToken: result.claimToken };
      const held: HeldClaim = {
        completionWrite: (response, now) => store.completionWrite({ ...claim, response, now }),
        complete: (response, now) => store.complete({ ...claim, response, now }),
        release: async () => {
          await store.release(claim).catch(() => false);
        },
        settled: async () => undefined,
      };
      return { outcome: 'claimed', held };
    },
  };
}
