import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedEvent, venueDefinition } from './support/fixtures';
import { type InventoryFixture, inventoryFixture } from './support/inventory-fixture';

describe('EventStore with a 50,000-seat event', () => {
  let fx: InventoryFixture;
  beforeAll(async () => {
    fx = await inventoryFixture();
  });
  afterAll(() => fx.cleanup());

  it('writes every seat and reloads the identical layout', async () => {
    // 10 sections × 50 rows × 100 seats; blocks of ≤ 500 seats → 10 blocks (partitions) per section.
    const definition = venueDefinition({ sections: 10, rows: 50, seatsPerRow: 100, blockedSeatIds: ['C-7-42'] });
    const { layout, fingerprint } = preparedEvent(definition);
    expect(layout.seatCount).toBe(50_000);

    const startedAt = performance.now();
    const { created, event } = await fx.events.createEvent(definition, layout, fingerprint, new Date());
    const elapsedMs = Math.round(performance.now() - startedAt);
    console.log(JSON.stringify({ msg: 'createEvent 50,000 seats on DynamoDB Local', elapsedMs }));

    expect(created).toBe(true);
    expect(event.seatCount).toBe(50_000);
    const reloaded = await fx.events.loadLayout(definition.eventId);
    expect(reloaded.seatCount).toBe(50_000);
    expect(reloaded.allSeats()).toEqual(layout.allSeats());
    expect(reloaded.sections).toEqual(layout.sections);

    const perSection = await Promise.all(
      layout.sections.map((s) => fx.seats.readSection(definition.eventId, s.sectionId, layout.blocksOfSection(s.sectionId))),
    );
    const seats = perSection.flat();
    expect(seats).toHaveLength(50_000);
    expect(new Set(seats.map((seat) => seat.seatId)).size).toBe(50_000);
    expect(seats.filter((seat) => seat.status === 'BLOCKED').map((seat) => seat.seatId)).toEqual(['C-7-42']);
    expect(seats.every((seat) => seat.version === 1)).toBe(true);
  });
});
