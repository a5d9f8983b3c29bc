import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SeatPlacement, SeatState } from '@ticketing/inventory-domain';
import { getAll } from './batch-reader';
import { mapConcurrently } from '@ticketing/stored-items';
import { translateDynamoError } from './dynamo-errors';
import { seatKey, seatPartitionKey } from './item-keys';
import type { RetryPolicy } from '@ticketing/stored-items';
import { seatStateFromItem } from './seat-item.codec';

/** Where a seat is stored: enough of its placement to build its key. */
export type SeatLocation = Pick<SeatPlacement, 'seatId' | 'sectionId' | 'block'>;

/** Physical table names the {@link SeatStore} reads. */
export interface SeatStoreTables {
  readonly seatsTable: string;
}

/** Tuning of the {@link SeatStore}. */
export interface SeatStoreOptions {
  /** BatchGetItem calls / block queries in flight at once (default 8). */
  readonly readConcurrency?: number;
  /** Retries of unprocessed keys (default {@link defaultRetryPolicy}). */
  readonly retry?: RetryPolicy;
}

/**
 * Reads seat state straight from DynamoDB, the arbiter, with strongly consistent reads: what it
 * returns is what the next conditional write will be judged against (barring a concurrent write).
 * Seat maps and the Redis gate's repairs read through here; holds are written by the HoldStore.
 */
export class SeatStore {
  private readonly readConcurrency: number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: SeatStoreTables,
    private readonly options: SeatStoreOptions = {},
  ) {
    this.readConcurrency = options.readConcurrency ?? 8;
  }

  /**
   * The current state of the given seats (BatchGetItem, ConsistentRead, 100 keys per call,
   * unprocessed keys retried), in the order asked for; a seat the table does not have is left out
   * and a seat asked for twice is returned once.
   */
  async readSeats(eventId: string, seats: readonly SeatLocation[]): Promise<SeatState[]> {
    const items = await getAll(
      this.documents,
      this.tables.seatsTable,
      seats.map((seat) => seatKey(eventId, seat)),
      { concurrency: this.readConcurrency, retry: this.options.retry },
    );
    const bySeatId = new Map(items.map((item) => [String(item['seat_id']), seatStateFromItem(item)]));
    const ordered: SeatState[] = [];
    for (const { seatId } of seats) {
      const state = bySeatId.get(seatId);
      if (state === undefined) continue;
      ordered.push(state);
      bySeatId.delete(seatId);
    }
    return ordered;
  }

  /**
   * Every seat of a section: one paginated, strongly consistent Query per block partition, the
   * blocks in parallel. Results come block by block (in the order of `blocks`), seats within a
   * block in sort-key order (by seat id, not physical order: the layout knows that).
   *
   * @param blocks the block numbers to read, e.g. `0 … summary.blockCount - 1`.
   */
  async readSection(eventId: string, sectionId: string, blocks: readonly number[]): Promise<SeatState[]> {
    const perBlock = await mapConcurrently(blocks, this.readConcurrency, (block) =>
      this.readPartition(seatPartitionKey(eventId, sectionId, block)),
    );
    return perBlock.flat();
  }

  private async readPartition(partitionKey: string): Promise<SeatState[]> {
    const seats: SeatState[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      try {
        const page = await this.documents.send(
          new QueryCommand({
            TableName: this.tables.seatsTable,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': partitionKey },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        seats.push(...(page.Items ?? []).map(seatStateFromItem));
        startKey = page.LastEvaluatedKey;
      } catch (error) {
        throw translateDynamoError(error, 'read a section of seats');
      }
    } while (startKey !== undefined);
    return seats;
  }
}
