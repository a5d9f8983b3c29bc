import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EventDefinition, EventLayout } from '@ticketing/inventory-domain';
import { EventStore, HoldStore, SeatStore } from '../../src';
import { preparedEvent, venueDefinition } from './fixtures';
import { type FreshInventoryTables, freshInventoryTables } from './local-tables';

/** Seven days, as production keeps finished holds. */
export const retentionMs = 7 * 24 * 60 * 60 * 1000;

/** The three stores on one test file's fresh tables. */
export interface InventoryFixture extends FreshInventoryTables {
  readonly events: EventStore;
  readonly seats: SeatStore;
  readonly holds: HoldStore;
  /** Creates a (small, by default) event and returns its definition and layout; blocks of ≤ 500 seats unless told. */
  createEvent(definition?: EventDefinition, maxSeatsPerBlock?: number): Promise<{ definition: EventDefinition; layout: EventLayout }>;
  /** The raw stored hold item, for attributes the domain type does not show (gsi1 keys, TTL, version). */
  rawHold(holdId: string): Promise<Record<string, unknown> | undefined>;
}

/** Fresh tables plus stores over them; call `cleanup()` in afterAll. */
export async function inventoryFixture(): Promise<InventoryFixture> {
  const fresh = await freshInventoryTables();
  const { documents, tables } = fresh;
  const events = new EventStore(documents, tables);
  return {
    ...fresh,
    events,
    seats: new SeatStore(documents, tables),
    holds: new HoldStore(documents, tables, { retentionMs }),
    async createEvent(definition = venueDefinition(), maxSeatsPerBlock?: number) {
      const { layout, fingerprint } = preparedEvent(definition, maxSeatsPerBlock);
      await events.createEvent(definition, layout, fingerprint, new Date());
      return { definition, layout };
    },
    async rawHold(holdId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tables.holdsTable, Key: { pk: `HOLD#${holdId}`, sk: 'HOLD' }, ConsistentRead: true }),
      );
      return Item;
    },
  };
}

/** Resolves to the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
