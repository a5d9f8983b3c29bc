import type { IdempotencyClaim, IdempotencyClaimRequest, IdempotencyCompletion, UnclaimedCompletion } from './idempotency.types';
import { idempotencyRecordKey } from '../item-keys';
import { responseAttributes } from './idempotency-record.codec';
import type { TransactionWrite } from '../transaction-write';

/*
 * The three conditional writes of an idempotency record, and the windows they guard. One key
 * (`USER#u1#KEY#k1`), request A with request hash H:
 *
 * ```
 *   t0: A claims ✔            t1: A completes ✔                       t1 + ttl
 *   │◀── IN_PROGRESS, A's ───▶│◀──────── COMPLETED + response ────────▶│◀── expired ──▶
 *   │    lease (token a)      │                                        │
 *   ┼─────────────────────────┼────────────────────────────────────────┼───────────────▶ t
 *   │ claim A' (H)  in-flight │ claim A" (H)  replay                   │ any claim
 *   │   Retry-After =         │   (A's stored response)                │   claimed: an expired
 *   │   ⌈lease_until − now⌉ s │                                        │   record counts as absent
 *   │ claim B (H')  conflict  │ claim B (H')  conflict                 │   (TTL deletes lazily)
 * ```
 *
 * A claimant that crashes or stalls past its lease does not block the key forever, and cannot
 * spoil its successor's outcome either:
 *
 * ```
 *   t0: A claims ✔ (token a)     t0 + lease
 *   │◀──────── A's lease ───────▶│
 *   ┼────────────────────────────┼──────────────────────────────────────────────────────▶ t
 *   A ── stalls or crashes ················ wakes: complete(token a) ✘ → A's whole transaction
 *                                │                 (its reservation too) is cancelled;
 *                                │                 release(token a) → false, nothing deleted
 *                                │ claim A' (any hash) ✔ takeover (token b) ── complete(token b) ✔
 * ```
 *
 * The claim is ONE conditional PutItem, so of any number of concurrent claims exactly one wins;
 * losers learn why from the record itself (ALL_OLD), with no second read. Completion and release
 * are conditional on the claimant's own `claim_token` (a fencing token): a claimant whose lease was
 * taken over can neither complete nor delete its successor's claim, so at most one outcome is ever
 * stored per key. The lease must outlast the slowest request (its deadline): a request still
 * running when its lease runs out may be joined by a takeover, and then only one of the two can
 * complete — the other's transaction (reservation included) is cancelled.
 */

const statusName = { '#status': 'status' };

/** What a claim writes: an IN_PROGRESS record leased to this claimant. */
export interface ClaimWriteInput extends IdempotencyClaimRequest {
  readonly claimToken: string;
  readonly leaseMs: number;
  readonly ttlMs: number;
}

/** `expires_at_epoch` (DynamoDB TTL, epoch seconds) `ttlMs` after `from`. */
export function expiryEpochSeconds(from: Date, ttlMs: number): number {
  return Math.ceil((from.getTime() + ttlMs) / 1000);
}

/** The condition of a claim: the key unused, its record expired, or an abandoned claim. */
function noLiveRecord(now: Date) {
  return {
    ConditionExpression:
      'attribute_not_exists(pk) OR expires_at_epoch < :nowEpoch OR (#status = :inProgress AND lease_until < :now)',
    ExpressionAttributeNames: statusName,
    ExpressionAttributeValues: {
      ':nowEpoch': Math.floor(now.getTime() / 1000),
      ':inProgress': 'IN_PROGRESS',
      ':now': now.getTime(),
    },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/**
 * The claim: a Put that succeeds when the key is unused, its record expired (DynamoDB TTL deletes
 * lazily, up to days late, so an expired record must count as absent), or it is an IN_PROGRESS
 * claim whose lease ran out (an abandoned claim).
 */
export function claimPut(table: string, input: ClaimWriteInput) {
  const { userId, key, requestHash, now, claimToken, leaseMs, ttlMs } = input;
  return {
    TableName: table,
    Item: {
      ...idempotencyRecordKey(userId, key),
      user_id: userId,
      idempotency_key: key,
      status: 'IN_PROGRESS',
      request_hash: requestHash,
      claim_token: claimToken,
      lease_until: now.getTime() + leaseMs,
      created_at: now.getTime(),
      expires_at_epoch: expiryEpochSeconds(now, ttlMs),
    },
    ...noLiveRecord(now),
  };
}

/**
 * A completion whose claim was never written here (it was kept in Redis): a Put of the COMPLETED
 * record on the claim's own condition. A live record — a completion from before, a claim another
 * request wrote here while Redis was away — cancels it (and the transaction it is part of), so at
 * most one outcome is ever stored per key, whichever store held the claim.
 */
export function completedPut(table: string, completion: UnclaimedCompletion, ttlMs: number): TransactionWrite {
  const { userId, key, requestHash, response, now } = completion;
  return {
    Put: {
      TableName: table,
      Item: {
        ...idempotencyRecordKey(userId, key),
        user_id: userId,
        idempotency_key: key,
        status: 'COMPLETED',
        request_hash: requestHash,
        ...responseAttributes(response),
        created_at: now.getTime(),
        completed_at: now.getTime(),
        expires_at_epoch: expiryEpochSeconds(now, ttlMs),
      },
      ...noLiveRecord(now),
    },
  };
}

/**
 * The completion: IN_PROGRESS → COMPLETED with the response, only while the claim is still this
 * claimant's (status, request hash and claim token). The record then lives `ttlMs` from now.
 */
export function completionUpdate(table: string, completion: IdempotencyCompletion, ttlMs: number): TransactionWrite {
  const { userId, key, requestHash, claimToken, response, now } = completion;
  const attributes = { ...responseAttributes(response), completed_at: now.getTime(), expires_at_epoch: expiryEpochSeconds(now, ttlMs) };
  const sets = Object.keys(attributes).map((name) => `${name} = :${name}`);
  const values = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`:${name}`, value]));
  return {
    Update: {
      TableName: table,
      Key: idempotencyRecordKey(userId, key),
      ConditionExpression: '#status = :inProgress AND request_hash = :hash AND claim_token = :token',
      UpdateExpression: `SET #status = :completed, ${sets.join(', ')} REMOVE lease_until`,
      ExpressionAttributeNames: statusName,
      ExpressionAttributeValues: {
        ...values,
        ':inProgress': 'IN_PROGRESS',
        ':completed': 'COMPLETED',
        ':hash': requestHash,
        ':token': claimToken,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The release: deletes the claim, only while it is still this claimant's and IN_PROGRESS. */
export function releaseDelete(table: string, claim: IdempotencyClaim) {
  return {
    TableName: table,
    Key: idempotencyRecordKey(claim.userId, claim.key),
    ConditionExpression: '#status = :inProgress AND request_hash = :hash AND claim_token = :token',
    ExpressionAttributeNames: statusName,
    ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':hash': claim.requestHash, ':token': claim.claimToken },
  };
}
