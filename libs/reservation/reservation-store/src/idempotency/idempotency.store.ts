import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TicketingError } from '@ticketing/errors';
import { awsErrorName, conditionFailedItem, translateDynamoError } from '../dynamo-errors';
import { isFinalStatusCode } from './final-status';
import { assertIdentifier, assertInstant, assertKeySegment } from '../input-checks';
import { idempotencyRecordFromItem, type IdempotencyRecord } from './idempotency-record.codec';
import type {
  ClaimResult,
  IdempotencyClaim,
  IdempotencyClaimRequest,
  IdempotencyCompletion,
  StoredResponse,
  UnclaimedCompletion,
} from './idempotency.types';
import { claimPut, completedPut, completionUpdate, releaseDelete } from './idempotency-writes';
import { idempotencyRecordKey } from '../item-keys';
import { StoreUnavailableError } from '../store-unavailable.error';
import type { TransactionWrite } from '../transaction-write';
import { WriteConditionFailedError } from '../write-condition-failed.error';
import { describeWrite } from '../write-target';

/** Physical name of the idempotency-records table. */
export interface IdempotencyStoreTables {
  readonly table: string;
}

/** Lifetimes of idempotency records. */
export interface IdempotencyStoreOptions {
  /** How long a record (claim or completed response) lives; default 24 h (DESIGN.md). */
  readonly ttlMs?: number;
  /**
   * How long a claim is exclusive before another request may take it over; default 30 s. Must
   * outlast the slowest request (the API's request deadline), see idempotency-writes.ts.
   */
  readonly inFlightLeaseMs?: number;
}

/** Default record lifetime: 24 hours. */
export const defaultIdempotencyTtlMs = 24 * 60 * 60 * 1000;

/** Default claim lease: 30 seconds. */
export const defaultInFlightLeaseMs = 30_000;

/** Rounds of claim → "record vanished before we could read it" → claim again, before giving up. */
const claimRounds = 3;

/**
 * Idempotency-Key records (DESIGN.md "Idempotency-Key"), scoped per user: the record of key `k`
 * of user `u` lives at `USER#u#KEY#k`, so one user can never claim, replay or block another's.
 *
 * A request first {@link claim}s its key with one conditional PutItem: exactly one of any number
 * of concurrent duplicates wins; the others get `replay`, `conflict` or `in-flight` from the record
 * itself. The winner runs, then either stores its final response — preferably inside the same
 * transaction as its other writes, via {@link completionWrite} — or {@link release}s the claim when
 * the outcome is not final (5xx, 409, 429) so the client may retry. idempotency-writes.ts draws the
 * window.
 *
 * @example
 * const claim = await idempotency.claim({ userId, key, requestHash, now });
 * if (claim.outcome !== 'claimed') return answerFrom(claim);
 * const mine = { userId, key, requestHash, claimToken: claim.claimToken };
 * try {
 *   await reservations.commit([reservations.createWrite(r), ...outbox, idempotency.completionWrite({ ...mine, response, now })]);
 * } catch (error) {
 *   await idempotency.release(mine);
 *   throw error;
 * }
 */
export class IdempotencyStore {
  private readonly ttlMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: IdempotencyStoreTables,
    options: IdempotencyStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? defaultIdempotencyTtlMs;
    this.leaseMs = options.inFlightLeaseMs ?? defaultInFlightLeaseMs;
    if (!(this.ttlMs > 0)) throw new RangeError('IdempotencyStore ttlMs must be positive');
    if (!(this.leaseMs > 0 && this.leaseMs < this.ttlMs)) {
      throw new RangeError('IdempotencyStore inFlightLeaseMs must be positive and shorter than ttlMs');
    }
  }

  /**
   * Claims `key` for this request, atomically (one conditional PutItem):
   *
   * - unused, expired, or an abandoned claim whose lease ran out → `claimed` with a fresh
   *   `claimToken` (keep it: completing and releasing need it);
   * - completed by the same request (same hash) → `replay` with the stored response;
   * - used by a different request (other hash), running or completed → `conflict`;
   * - the same request still running → `in-flight` with the seconds until its lease runs out.
   */
  async claim(request: IdempotencyClaimRequest): Promise<ClaimResult> {
    assertClaimRequest(request);
    const claimToken = randomUUID();
    const put = claimPut(this.tables.table, { ...request, claimToken, leaseMs: this.leaseMs, ttlMs: this.ttlMs });
    for (let round = 1; round <= claimRounds; round++) {
      try {
        await this.documents.send(new PutCommand(put));
        return { outcome: 'claimed', claimToken };
      } catch (error) {
        if (awsErrorName(error) !== 'ConditionalCheckFailedException') throw translateDynamoError(error, 'claim an idempotency key');
        const existing = conditionFailedItem(error) ?? (await this.read(request.userId, request.key));
        const decided = existing === undefined ? undefined : decide(idempotencyRecordFromItem(existing), request);
        // undefined: the record was released or expired between the put and the read; claim again.
        if (decided !== undefined) return decided;
      }
    }
    throw new StoreUnavailableError('transaction-conflict', 'claim an idempotency key');
  }

  /**
   * The completion as a transaction write: IN_PROGRESS → COMPLETED with `response`, conditional on
   * the claim still being this caller's. Put it in the SAME `ReservationStore.commit` as the
   * writes it reports on; if the claim was lost, the whole transaction is cancelled with
   * WriteConditionFailedError (code IDEMPOTENCY_IN_PROGRESS).
   *
   * Only final responses may be stored (`isFinalStatusCode`); anything else is INTERNAL (a bug:
   * release the claim instead).
   */
  completionWrite(completion: IdempotencyCompletion): TransactionWrite {
    assertClaim(completion);
    assertInstant('now', completion.now);
    assertFinal(completion.response);
    return completionUpdate(this.tables.table, completion, this.ttlMs);
  }

  /**
   * Stores the final response on its own — for outcomes that write nothing else (a replayable
   * 4xx such as a validation failure after the claim). Throws WriteConditionFailedError
   * (IDEMPOTENCY_IN_PROGRESS) if the claim is no longer this caller's.
   */
  async complete(completion: IdempotencyCompletion): Promise<void> {
    await this.writeAlone(this.completionWrite(completion));
  }

  /**
   * The completion of a request whose claim was kept elsewhere (Redis), as a transaction write:
   * a Put of the COMPLETED record, cancelled (WriteConditionFailedError) when a live record exists.
   */
  completedPutWrite(completion: UnclaimedCompletion): TransactionWrite {
    assertClaimRequest({ ...completion });
    assertFinal(completion.response);
    return completedPut(this.tables.table, completion, this.ttlMs);
  }

  /** {@link completedPutWrite} on its own, for a final refusal that writes nothing else. */
  async storeCompleted(completion: UnclaimedCompletion): Promise<void> {
    await this.writeAlone(this.completedPutWrite(completion));
  }

  /**
   * What the stored record says to this request, without claiming: `replay`, `conflict` or
   * `in-flight` — or undefined when no live record blocks the key.
   */
  async lookup(request: IdempotencyClaimRequest): Promise<Exclude<ClaimResult, { outcome: 'claimed' }> | undefined> {
    assertClaimRequest(request);
    const item = await this.read(request.userId, request.key);
    return item === undefined ? undefined : decide(idempotencyRecordFromItem(item), request);
  }

  /**
   * Deletes this caller's IN_PROGRESS claim so the client may retry with the same key (the
   * outcome was not final: 5xx, 409, 429, or the commit failed). Returns `false` when there was
   * nothing of this caller's to delete — already released, completed, or taken over after the
   * lease ran out — which is not an error.
   */
  async release(claim: IdempotencyClaim): Promise<boolean> {
    assertClaim(claim);
    try {
      await this.documents.send(new DeleteCommand(releaseDelete(this.tables.table, claim)));
      return true;
    } catch (error) {
      if (awsErrorName(error) === 'ConditionalCheckFailedException') return false;
      throw translateDynamoError(error, 'release an idempotency key');
    }
  }

  /** A completion (an Update or a Put) written on its own; a false condition is WriteConditionFailedError. */
  private async writeAlone(write: TransactionWrite): Promise<void> {
    try {
      if (write.Update) await this.documents.send(new UpdateCommand(write.Update));
      else if (write.Put) await this.documents.send(new PutCommand(write.Put));
      else throw new TicketingError('INTERNAL', 'A completion must be an Update or a Put');
    } catch (error) {
      if (awsErrorName(error) !== 'ConditionalCheckFailedException') throw translateDynamoError(error, 'complete an idempotency key');
      throw new WriteConditionFailedError([{ index: 0, ...describeWrite(write), storedItem: conditionFailedItem(error) }], error);
    }
  }

  private async read(userId: string, key: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tables.table, Key: idempotencyRecordKey(userId, key), ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      throw translateDynamoError(error, 'read an idempotency key');
    }
  }
}

/** What a claim that lost to `record` gets; `undefined` when the record no longer blocks a claim. */
function decide(
  record: IdempotencyRecord,
  request: IdempotencyClaimRequest,
): Exclude<ClaimResult, { outcome: 'claimed' }> | undefined {
  const now = request.now.getTime();
  if (record.userId !== request.userId) {
    // Cannot happen (the user is part of the key); refuse rather than risk showing another user's response.
    throw new TicketingError('INTERNAL', 'An idempotency record is stored under the wrong user');
  }
  if (record.expiresAtEpoch < Math.floor(now / 1000)) return undefined;
  if (record.requestHash !== request.requestHash) return { outcome: 'conflict' };
  if (record.status === 'COMPLETED' && record.response !== undefined) return { outcome: 'replay', response: record.response };
  const leaseUntil = record.leaseUntil ?? now;
  if (leaseUntil < now) return undefined;
  return { outcome: 'in-flight', retryAfterSeconds: Math.max(1, Math.ceil((leaseUntil - now) / 1000)) };
}

function assertClaimRequest(request: IdempotencyClaimRequest): void {
  assertKeySegment('userId', request.userId);
  assertIdentifier('key', request.key);
  assertIdentifier('requestHash', request.requestHash, 512);
  assertInstant('now', request.now);
}

function assertClaim(claim: IdempotencyClaim): void {
  assertKeySegment('userId', claim.userId);
  assertIdentifier('key', claim.key);
  assertIdentifier('requestHash', claim.requestHash, 512);
  assertIdentifier('claimToken', claim.claimToken);
}

function assertFinal(response: StoredResponse): void {
  if (!isFinalStatusCode(response.statusCode)) {
    throw new TicketingError(
      'INTERNAL',
      `A ${response.statusCode} response is not a final outcome; release the idempotency claim instead of storing it`,
    );
  }
}
