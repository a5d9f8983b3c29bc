import { status } from '@grpc/grpc-js';
import { demoEventRequest } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, failureOf } from './support/grpc-call';
import { startTestInventory, type TestInventory } from './support/inventory-test-app';

describe('CreateEvent', () => {
  let inventory: TestInventory;
  beforeAll(async () => {
    inventory = await startTestInventory();
  });
  afterAll(() => inventory?.close());

  const createEvent = (request: ReturnType<typeof demoEventRequest>, metadata = inventory.admin) =>
    inventory.rpc.createEvent(request, { metadata });

  it('creates an event once; the same layout again changes nothing', async () => {
    const request = demoEventRequest({ eventId: 'evt_same', sections: [{ sectionId: 'A', rows: 2, seatsPerRow: 5, priceMinor: 5_000 }] });
    const first = await createEvent(request);
    expect(first.created).toBe(true);
    expect(first.event).toMatchObject({ eventId: 'evt_same', seatCount: 10, sections: [{ sectionId: 'A', rowCount: 2, seatCount: 10 }] });

    const again = await createEvent(request);
    expect(again.created).toBe(false);
    expect(again.event?.createdAt).toEqual(first.event?.createdAt);
  });

  it('rejects a different layout under an existing id', async () => {
    await createEvent(demoEventRequest({ eventId: 'evt_conflict', sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 4, priceMinor: 100 }] }));
    const failure = await failureOf(
      createEvent(demoEventRequest({ eventId: 'evt_conflict', sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 5, priceMinor: 100 }] })),
    );
    expect(failure.code).toBe(status.ALREADY_EXISTS);
    expect(failure.detail?.code).toBe('EVENT_CONFLICT');
  });

  it('rejects duplicate seat ids, naming them, and writes nothing', async () => {
    const request = demoEventRequest({ eventId: 'evt_dupes', sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 3, priceMinor: 100 }] });
    const seats = request.sections[0]!.rows[0]!.seats;
    seats[2] = { ...seats[2]!, seatId: seats[0]!.seatId };
    const failure = await failureOf(createEvent(request));
    expect(failure.code).toBe(status.INVALID_ARGUMENT);
    expect(failure.detail).toMatchObject({ code: 'VALIDATION_FAILED', conflictingSeatIds: [seats[0]!.seatId] });

    const lookup = await failureOf(inventory.rpc.getSeatMap({ eventId: 'evt_dupes' }));
    expect(lookup.code).toBe(status.NOT_FOUND);
  });

  it('refuses callers without the admin token', async () => {
    const request = demoEventRequest({ eventId: 'evt_admin', sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 1, priceMinor: 1 }] });
    expect((await failureOf(createEvent(request, bearer('not-the-admin-token')))).code).toBe(status.PERMISSION_DENIED);
    expect((await failureOf(inventory.rpc.createEvent(request))).code).toBe(status.PERMISSION_DENIED);
  });

  it('creates a 50,000-seat event', async () => {
    const request = demoEventRequest({
      eventId: 'evt_arena',
      sections: Array.from({ length: 25 }, (_, index) => ({
        sectionId: `S${index + 1}`,
        rows: 40,
        seatsPerRow: 50,
        priceMinor: 2_500 + index * 100,
      })),
    });
    const response = await createEvent(request);
    expect(response.event?.seatCount).toBe(50_000);
    const inventoryStatus = await inventory.rpc.getInventoryStatus({ eventId: 'evt_arena' });
    expect(inventoryStatus.totals).toEqual({ available: 50_000, held: 0, sold: 0, blocked: 0, total: 50_000 });
  });
});
