import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from './aws-clients.factory';

/** Primary key of a probe item; the probe tables are keyed on `pk` + `sk` strings like the platform's. */
export interface ProbeItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Throwaway tables the probe writes: a seats-like table and a holds-like table. */
export interface ProbeTables {
  readonly seatsTable: string;
  readonly holdsTable: string;
}

/** One hold-shaped transaction: which seats, which new hold item, and the clock it decides by. */
export interface HoldShapedWrite {
  readonly seats: readonly ProbeItemKey[];
  /** Written with `attribute_not_exists(pk)`; also sent as the ClientRequestToken (≤ 36 chars). */
  readonly holdId: string;
  /** Written as the seats' `held_by`. */
  readonly heldBy: string;
  /** The rest of the hold item (`pk`/`sk` are derived from `holdId`), e.g. index keys and a payload. */
  readonly holdAttributes: Readonly<Record<string, string | number>>;
  /** Epoch ms the seat conditions compare against. */
  readonly now: number;
  /** Epoch ms written as the seats' `hold_expires_at`. */
  readonly expiresAt: number;
}

/**
 * What DynamoDB itself sustains for the write a hold makes, with no service in between: the bare
 * client side of the inventory benchmark's ceiling (`npm run bench:inventory`). Benchmarks only,
 * on throwaway tables; it knows nothing of the inventory's item design beyond the shape of its
 * write, and no service uses it.
 *
 * The shape matches a hold (DESIGN.md "The hold path"): ONE TransactWriteItems with one
 * conditional update per seat — `status = AVAILABLE OR (status = HELD AND (hold_expires_at < :now
 * OR hold_id = :holdId))` — plus one conditional put of the hold item, and `ClientRequestToken` =
 * hold id. Passing `expiresAt` ≤ `now` leaves the seats HELD but already expired, so the same seats
 * can be taken again by the next write through the lazy-expiry branch of the same condition; a
 * small seeded pool then serves any number of writes.
 *
 * @example
 * ```ts
 * const probe = transactionCeilingProbe(clients, { seatsTable, holdsTable });
 * await probe.seedSeats([{ pk: 'P#0', sk: 'SEAT#1' }, { pk: 'P#0', sk: 'SEAT#2' }]);
 * await probe.holdShapedWrite({ seats, holdId: randomUUID(), heldBy: 'user-1', holdAttributes: {}, now, expiresAt: now - 1 });
 * ```
 */
export function transactionCeilingProbe(clients: AwsClients, tables: ProbeTables) {
  return {
    /** Creates the seats AVAILABLE (overwriting any earlier state), up to 100 per transaction. */
    async seedSeats(keys: readonly ProbeItemKey[]): Promise<void> {
      for (let start = 0; start < keys.length; start += 100) {
        const TransactItems = keys.slice(start, start + 100).map((key) => ({
          Put: { TableName: tables.seatsTable, Item: { ...key, status: 'AVAILABLE', version: 0 } },
        }));
        await clients.documents.send(new TransactWriteCommand({ TransactItems }));
      }
    },

    /** Sends one hold-shaped transaction; rejects as the SDK does (e.g. TransactionCanceledException). */
    async holdShapedWrite(write: HoldShapedWrite): Promise<void> {
      const seatUpdates = write.seats.map((key) => ({
        Update: {
          TableName: tables.seatsTable,
          Key: key,
          ConditionExpression: '#status = :available OR (#status = :held AND (hold_expires_at < :now OR hold_id = :holdId))',
          UpdateExpression:
            'SET #status = :held, hold_id = :holdId, held_by = :heldBy, hold_expires_at = :expiresAt, version = version + :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':available': 'AVAILABLE',
            ':held': 'HELD',
            ':now': write.now,
            ':holdId': write.holdId,
            ':heldBy': write.heldBy,
            ':expiresAt': write.expiresAt,
            ':one': 1,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      }));
      const holdPut = {
        Put: {
          TableName: tables.holdsTable,
          Item: { ...write.holdAttributes, pk: `HOLD#${write.holdId}`, sk: 'HOLD' },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      };
      await clients.documents.send(
        new TransactWriteCommand({ TransactItems: [...seatUpdates, holdPut], ClientRequestToken: write.holdId }),
      );
    },
  };
}

/** The probe {@link transactionCeilingProbe} returns. */
export type TransactionCeilingProbe = ReturnType<typeof transactionCeilingProbe>;
