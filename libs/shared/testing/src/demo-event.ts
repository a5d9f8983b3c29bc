import { credentials, Metadata } from '@grpc/grpc-js';
import { inventoryRpc, InventoryServiceClient } from '@ticketing/inventory-contract';

/** A section of a generated layout: `rows` rows of `seatsPerRow` seats at one price. */
export interface DemoSection {
  readonly sectionId: string;
  readonly rows: number;
  readonly seatsPerRow: number;
  readonly priceMinor: number;
}

/**
 * A CreateEvent request (as ts-proto messages) for a rectangular venue: seat ids are
 * `<section>-<row letter(s)><number>` (e.g. `A-B12`), rows front to back, seats numbered from 1.
 * Used by tests, benchmarks and the demo seeding tool.
 */
export function demoEventRequest(options: {
  readonly eventId: string;
  readonly sections: readonly DemoSection[];
  readonly currency?: string;
  readonly name?: string;
}) {
  const currency = options.currency ?? 'EUR';
  return {
    eventId: options.eventId,
    name: options.name ?? `Demo event ${options.eventId}`,
    venue: 'Demo Arena',
    saleStartsAt: undefined,
    saleEndsAt: undefined,
    sections: options.sections.map((section) => ({
      sectionId: section.sectionId,
      name: `Section ${section.sectionId}`,
      price: { amountMinor: section.priceMinor, currency },
      rows: Array.from({ length: section.rows }, (_, rowIndex) => {
        const rowId = rowName(rowIndex);
        return {
          rowId,
          seats: Array.from({ length: section.seatsPerRow }, (_, seatIndex) => ({
            seatId: `${section.sectionId}-${rowId}${seatIndex + 1}`,
            number: seatIndex + 1,
            priceOverride: undefined,
            blocked: false,
          })),
        };
      }),
    })),
  };
}

/** A, B, …, Z, AA, AB, … */
function rowName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/**
 * Creates a demo event (see {@link demoEventRequest}) on the inventory at `grpcAddress`, as the
 * admin holding the static `adminToken` (the inventory runs in the tests' static-token local mode).
 */
export async function createDemoEvent(
  grpcAddress: string,
  adminToken: string,
  options: Parameters<typeof demoEventRequest>[0],
): Promise<void> {
  const client = new InventoryServiceClient(grpcAddress, credentials.createInsecure());
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${adminToken}`);
  try {
    await inventoryRpc(client, { metadata }).createEvent(demoEventRequest(options));
  } finally {
    client.close();
  }
}
