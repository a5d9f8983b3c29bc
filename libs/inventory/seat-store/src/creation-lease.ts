import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inventoryContended } from '@ticketing/inventory-domain';
import { awsErrorName, translateDynamoError } from './dynamo-errors';
import { eventHeaderKey } from './item-keys';

/**
 * The right of one CreateEvent attempt to write an event's seats.
 *
 * Seats are written with BatchWriteItem, which has no conditions: a put overwrites whatever is
 * there. That is harmless while the event is CREATING (nobody can hold its seats yet) and a
 * disaster after READY (a stray put would turn a HELD seat back into AVAILABLE v1). So a second
 * attempt (a retry after a timeout, a crashed attempt's successor) may take the creation over only
 * once the first attempt's lease has run out, and an attempt renews its lease — proving it still
 * owns the creation — before any batch once half the lease is used:
 *
 * ```
 *  attempt A  claim ─ batch ─ batch ─ renew ─ batch ─ … ─ READY (only with A's token)
 *             │◀──────── lease ────────▶│ renewed at half-time, never lets it lapse
 *  attempt B       claim? lease alive → INVENTORY_CONTENDED (retry later)
 *
 *  A stalls (GC, paused pod) ──────────────────────────────────────▶ wakes, renews → fails, stops
 *  B                      claim after A's lease ran out ─ batches ─ READY
 * ```
 * The one remaining window: A checks its lease, then stalls for more than half a lease before the
 * batch reaches DynamoDB — B can take over, finish and go READY in between. With the default
 * 60 s lease that is a 30 s stall between two statements; the lease length is the knob.
 */
export class CreationLease {
  #validUntil: number;
  #renewing: Promise<void> | undefined;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly eventsTable: string,
    private readonly eventId: string,
    readonly token: string,
    private readonly leaseMs: number,
    private readonly clock: () => number,
    validUntil: number,
  ) {
    this.#validUntil = validUntil;
  }

  /** Resolves while the lease is safely held; renews it past half-time; throws INVENTORY_CONTENDED once lost. */
  readonly ensure = async (): Promise<void> => {
    if (this.clock() < this.#validUntil - this.leaseMs / 2) return;
    this.#renewing ??= this.renew().finally(() => {
      this.#renewing = undefined;
    });
    await this.#renewing;
  };

  /** Ends the lease early after a failed attempt so a retry need not wait for it; best effort. */
  async release(): Promise<void> {
    await this.extendTo(0).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const startedAt = this.clock();
    await this.extendTo(startedAt + this.leaseMs);
    this.#validUntil = startedAt + this.leaseMs;
  }

  private async extendTo(until: number): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.eventsTable,
          Key: eventHeaderKey(this.eventId),
          ConditionExpression: 'creation_token = :token AND #status = :creating',
          UpdateExpression: 'SET creation_lease_until = :until',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': this.token, ':creating': 'CREATING', ':until': until },
        }),
      );
    } catch (error) {
      if (awsErrorName(error) === 'ConditionalCheckFailedException') throw inventoryContended(error);
      throw translateDynamoError(error, `renew the creation lease of event ${this.eventId}`);
    }
  }
}
