import { randomUUID } from 'node:crypto';
import { createAwsClients, transactionCeilingProbe, type ProbeItemKey } from '@ticketing/aws';

/** Seat partitions the probe spreads its seats over, as the inventory spreads an event's blocks. */
const partitions = 32;

/** The bare-client ceiling workload, ready to run in closed-loop windows. */
export interface DynamoDbCeiling {
  /** One hold-shaped TransactWriteItems; resolves `ok`, rejects with the SDK's error. */
  operation(worker: number): Promise<string>;
  close(): void;
}

/**
 * DynamoDB Local's own TransactWriteItems ceiling for a hold-shaped write, with no service in
 * between: `seatsPerHold` conditional seat updates plus one conditional hold put (of about the size
 * the inventory writes), ClientRequestToken = a fresh id. Each of the `concurrency` virtual
 * clients owns its seats (seeded AVAILABLE here) and leaves them held-but-expired, so its next
 * write takes them again through the lazy-expiry branch of the same condition (see
 * transactionCeilingProbe); clients never contend with each other, like uncontended holds.
 */
export async function prepareDynamoDbCeiling(options: {
  readonly aws: { readonly region: string; readonly dynamodbEndpoint: string };
  readonly tables: { readonly seatsTable: string; readonly holdsTable: string };
  readonly seatsPerHold: number;
  readonly concurrency: number;
}): Promise<DynamoDbCeiling> {
  const clients = createAwsClients(options.aws);
  const probe = transactionCeilingProbe(clients, options.tables);
  const seatsOf = (worker: number): ProbeItemKey[] =>
    Array.from({ length: options.seatsPerHold }, (_, seat) => ({
      pk: `EVENT#ceiling#SECTION#S${worker % partitions}#BLOCK#0`,
      sk: `SEAT#W${worker}-${seat + 1}`,
    }));
  const seats = Array.from({ length: options.concurrency }, (_, worker) => seatsOf(worker));
  try {
    await probe.seedSeats(seats.flat());
  } catch (error) {
    clients.destroy();
    throw error;
  }
  return {
    close: () => clients.destroy(),
    async operation(worker) {
      const now = Date.now();
      const holdId = randomUUID();
      await probe.holdShapedWrite({
        seats: seats[worker] ?? [],
        holdId,
        heldBy: `bench-user-${worker}`,
        holdAttributes: holdAttributes(holdId, worker, now, options.seatsPerHold),
        now,
        expiresAt: now - 1,
      });
      return 'ok';
    },
  };
}

/** Attributes shaped like the inventory's hold item (same names, similar sizes, the sparse index keys). */
function holdAttributes(holdId: string, worker: number, now: number, seats: number): Record<string, string | number> {
  const expiresAt = now + 300_000;
  return {
    hold_id: holdId,
    event_id: 'evt_ceiling',
    user_id: `bench-user-${worker}`,
    status: 'ACTIVE',
    seats: JSON.stringify(
      Array.from({ length: seats }, (_, seat) => [`S${worker}-A${seat + 1}`, `S${worker}`, 0, 'A', 0, seat, seat + 1, 4_500, 'EUR', 0]),
    ),
    total_minor: 4_500 * seats,
    currency: 'EUR',
    created_at: now,
    expires_at: expiresAt,
    request_fingerprint: holdId.replaceAll('-', '').padEnd(64, '0'),
    version: 1,
    gsi1pk: `ACTIVE#${worker % 16}`,
    gsi1sk: String(expiresAt).padStart(15, '0'),
    expires_at_epoch: Math.ceil((expiresAt + 7 * 24 * 3_600_000) / 1000),
  };
}
