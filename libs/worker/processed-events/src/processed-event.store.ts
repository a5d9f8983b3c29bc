import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionFailedItem, isConditionalCheckFailure } from '@ticketing/stored-items';

/** What a claim found. */
export type ProcessedEventClaim =
  /** This caller handles the event; settle the claim with `markDone` or `release`. */
  | { readonly outcome: 'claimed'; readonly token: string }
  /** Handled before: `result` is what the handler recorded. */
  | { readonly outcome: 'done'; readonly result: string }
  /** Another delivery of the same event is being handled right now, until `leaseUntil` at most. */
  | { readonly outcome: 'in-progress'; readonly leaseUntil: Date };

/** A lock taken, or when its current holder's lease runs out. */
export type LockAttempt = { readonly acquired: true; readonly token: string } | { readonly acquired: false; readonly leaseUntil: Date };

/** Names an event and what is done about it (one event may drive several actions). */
export interface ProcessedEventKey {
  /** The producer's `message_id`, the same on every delivery and re-publication. */
  readonly messageId: string;
  readonly action: string;
}

/**
 * Processed-event records (`processed-events` table): one item per event id and action at
 * `pk = EVENT#<message id>`, `sk = ACTION#<action>`; named locks with the same lease at
 * `pk = LOCK#<name>`.
 *
 * A handler first claims the record with one conditional PutItem (IN_PROGRESS, with a lease and
 * a random token): of concurrent deliveries exactly one wins, and a claim whose holder died is
 * taken over once its lease ran out. Success marks it DONE with the handler's result and an
 * expiry (DynamoDB's TTL removes it after the retention); failure deletes the claim so the next
 * delivery can run. Both settle only the caller's own claim (conditioned on the token).
 */
export class ProcessedEventStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly settings: { readonly leaseMs: number; readonly retentionMs: number },
  ) {}

  async claim(key: ProcessedEventKey, now: Date): Promise<ProcessedEventClaim> {
    return this.claimItem(eventItemKey(key), now);
  }

  /** Records the handler's success. A claim taken over meanwhile is left to its new holder. */
  async markDone(key: ProcessedEventKey, token: string, result: string, now: Date): Promise<void> {
    await this.settle(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.table,
          Key: eventItemKey(key),
          UpdateExpression: 'SET #status = :done, #result = :result, done_at = :doneAt, expires_at_epoch = :expires REMOVE lease_until',
          ConditionExpression: 'claim_token = :token',
          ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
          ExpressionAttributeValues: {
            ':done': 'DONE',
            ':result': result,
            ':doneAt': now.toISOString(),
            ':expires': epochSeconds(now.getTime() + this.settings.retentionMs),
            ':token': token,
          },
        }),
      ),
    );
  }

  /** Drops the caller's claim after the handler failed, so the next delivery may run at once. */
  async release(key: ProcessedEventKey, token: string): Promise<void> {
    await this.releaseItem(eventItemKey(key), token);
  }

  /**
   * Takes the lock called `name` (e.g. one reservation's) with the same lease as a claim: one
   * holder across every worker replica, taken over only when its holder's lease ran out. Give it
   * back with {@link unlock}.
   */
  async lock(name: string, now: Date): Promise<LockAttempt> {
    const claim = await this.claimItem(lockItemKey(name), now);
    if (claim.outcome === 'claimed') return { acquired: true, token: claim.token };
    // Locks are never marked DONE; a holder is all there can be.
    return { acquired: false, leaseUntil: claim.outcome === 'in-progress' ? claim.leaseUntil : now };
  }

  async unlock(name: string, token: string): Promise<void> {
    await this.releaseItem(lockItemKey(name), token);
  }

  private async claimItem(key: ItemKey, now: Date): Promise<ProcessedEventClaim> {
    const token = randomUUID();
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...key,
            status: 'IN_PROGRESS',
            claim_token: token,
            lease_until: now.getTime() + this.settings.leaseMs,
            claimed_at: now.toISOString(),
            // A claim nobody settles is removed by TTL too (after the retention, like a DONE record).
            expires_at_epoch: epochSeconds(now.getTime() + this.settings.retentionMs),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND lease_until < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': now.getTime() },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { outcome: 'claimed', token };
    } catch (error) {
      const existing = conditionFailedItem(error);
      if (!existing) throw error;
      if (existing['status'] === 'DONE') return { outcome: 'done', result: String(existing['result'] ?? '') };
      return { outcome: 'in-progress', leaseUntil: new Date(Number(existing['lease_until'] ?? now.getTime())) };
    }
  }

  private async releaseItem(key: ItemKey, token: string): Promise<void> {
    await this.settle(() =>
      this.documents.send(
        new DeleteCommand({
          TableName: this.table,
          Key: key,
          ConditionExpression: 'claim_token = :token AND #status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': token, ':inProgress': 'IN_PROGRESS' },
        }),
      ),
    );
  }

  private async settle(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      // Someone else's claim now (ours lapsed and was taken over): theirs to settle.
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }
}

interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

function eventItemKey(key: ProcessedEventKey): ItemKey {
  return { pk: `EVENT#${key.messageId}`, sk: `ACTION#${key.action}` };
}

function lockItemKey(name: string): ItemKey {
  return { pk: `LOCK#${name}`, sk: 'LOCK' };
}

function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
