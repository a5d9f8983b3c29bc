import { randomUUID } from 'node:crypto';
import type { HoldSeatsRequest, InventoryRpc } from '@ticketing/inventory-contract';

/**
 * A hold id unique to this run: DynamoDB remembers a transaction's ClientRequestToken (the hold
 * id) account-wide for 10 minutes, across tables, exactly as real reservation ids are unique.
 */
export function uniqueHoldId(name = 'h'): string {
  return `${name}_${randomUUID().slice(0, 13)}`;
}

/** The oneof selection for explicit seat ids. */
export function seatIds(...ids: string[]): HoldSeatsRequest['selection'] {
  return { $case: 'seatIds', value: { seatIds: ids } };
}

/** HoldSeats with defaults: a fresh hold id, user-1, no TTL. */
export function holdSeats(rpc: InventoryRpc, eventId: string, request: Partial<HoldSeatsRequest>) {
  return rpc.holdSeats({
    holdId: uniqueHoldId(),
    eventId,
    userId: 'user-1',
    selection: undefined,
    ttl: undefined,
    ...request,
  });
}

/** The effective statuses of some seats, from the seat map. */
export async function seatStatuses(rpc: InventoryRpc, eventId: string, ...ids: string[]) {
  const map = await rpc.getSeatMap({ eventId });
  return ids.map((id) => map.seats.find((seat) => seat.seatId === id)?.status);
}
