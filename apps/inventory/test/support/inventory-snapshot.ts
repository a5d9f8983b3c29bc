import { type AwsClients, provisionedTable, type ProvisionedResources, scanAllItems } from '@ticketing/aws';

/*
 * The inventory's tables read raw, straight from DynamoDB, decoded here by hand from the item
 * layout in libs/inventory/seat-store/README.md rather than with the store's own codecs: an
 * oracle that shares the code it checks would share its bugs.
 */

/** A seat item as stored. */
export interface StoredSeat {
  readonly seatId: string;
  readonly status: string;
  readonly version: number;
  readonly holdId: string | undefined;
  readonly holdExpiresAt: number | undefined;
}

/** A hold item as stored. */
export interface StoredHold {
  readonly holdId: string;
  readonly eventId: string;
  readonly userId: string;
  readonly status: string;
  /** Seat ids from the `seats` JSON tuples (`[seatId, sectionId, …]`), in stored order. */
  readonly seatIds: readonly string[];
  readonly totalMinor: number;
  readonly currency: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly paymentReference: string | undefined;
}

/** Both tables at one moment (read while nothing writes), keyed by id. */
export interface InventorySnapshot {
  readonly seats: ReadonlyMap<string, StoredSeat>;
  readonly holds: ReadonlyMap<string, StoredHold>;
  /** When the reads finished: holds are judged live or expired at this instant. */
  readonly readAt: number;
}

/** Where the inventory tables of one test are. */
export interface InventoryTables {
  readonly clients: AwsClients;
  readonly resources: ProvisionedResources;
}

/** Scans the seats and holds tables (strongly consistent). Call it only once the writers are quiet. */
export async function readInventorySnapshot(tables: InventoryTables): Promise<InventorySnapshot> {
  const [seatItems, holdItems] = await Promise.all([
    scanAllItems(tables.clients.documents, provisionedTable(tables.resources, 'inventory-seats').name),
    scanAllItems(tables.clients.documents, provisionedTable(tables.resources, 'inventory-holds').name),
  ]);
  return {
    seats: new Map(seatItems.map(storedSeat).map((seat) => [seat.seatId, seat])),
    holds: new Map(holdItems.map(storedHold).map((hold) => [hold.holdId, hold])),
    readAt: Date.now(),
  };
}

/** Every seat's version right now (one consistent scan of the seats table). */
export async function readSeatVersions(tables: InventoryTables): Promise<ReadonlyMap<string, number>> {
  const items = await scanAllItems(tables.clients.documents, provisionedTable(tables.resources, 'inventory-seats').name);
  return new Map(items.map(storedSeat).map((seat) => [seat.seatId, seat.version]));
}

function storedSeat(item: Record<string, unknown>): StoredSeat {
  return {
    seatId: text(item, 'seat_id'),
    status: text(item, 'status'),
    version: number(item, 'version'),
    holdId: optionalText(item, 'hold_id'),
    holdExpiresAt: item['hold_expires_at'] === undefined ? undefined : number(item, 'hold_expires_at'),
  };
}

function storedHold(item: Record<string, unknown>): StoredHold {
  const tuples = JSON.parse(text(item, 'seats')) as unknown;
  if (!Array.isArray(tuples) || !tuples.every((tuple) => Array.isArray(tuple) && typeof tuple[0] === 'string')) {
    throw new Error(`hold item ${String(item['pk'])} has malformed seats: ${text(item, 'seats')}`);
  }
  return {
    holdId: text(item, 'hold_id'),
    eventId: text(item, 'event_id'),
    userId: text(item, 'user_id'),
    status: text(item, 'status'),
    seatIds: (tuples as [string, ...unknown[]][]).map((tuple) => tuple[0]),
    totalMinor: number(item, 'total_minor'),
    currency: text(item, 'currency'),
    createdAt: number(item, 'created_at'),
    expiresAt: number(item, 'expires_at'),
    paymentReference: optionalText(item, 'payment_reference'),
  };
}

function text(item: Record<string, unknown>, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw new Error(`item ${String(item['pk'])} has no string "${name}"`);
  return value;
}

function optionalText(item: Record<string, unknown>, name: string): string | undefined {
  return item[name] === undefined ? undefined : text(item, name);
}

function number(item: Record<string, unknown>, name: string): number {
  const value = item[name];
  if (typeof value !== 'number') throw new Error(`item ${String(item['pk'])} has no number "${name}"`);
  return value;
}
