import type { EventLayout, SeatPlacement } from '@ticketing/inventory-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueDefinition } from './support/fixtures';
import { type InventoryFixture, inventoryFixture } from './support/inventory-fixture';

describe('SeatStore', () => {
  let fx: InventoryFixture;
  let layout: EventLayout;
  beforeAll(async () => {
    fx = await inventoryFixture();
    // 3 sections × 12 rows × 25 seats, 100 seats per block → 3 blocks per section.
    ({ layout } = await fx.createEvent(venueDefinition({ sections: 3, rows: 12, seatsPerRow: 25 }), 100));
  });
  afterAll(() => fx.cleanup());

  it('reads seats across sections and blocks in the order asked, once each, leaving out unknown ones', async () => {
    const wanted = [...layout.allSeats()].reverse().slice(0, 250); // 250 keys: three BatchGetItem calls
    const [last, secondLast] = wanted as [SeatPlacement, SeatPlacement];
    const ghost = { ...last, seatId: 'C-99-99' };

    const seats = await fx.seats.readSeats(layout.eventId, [...wanted, ghost, secondLast]);

    expect(seats.map((seat) => seat.seatId)).toEqual(wanted.map((seat) => seat.seatId));
    expect(seats[0]).toEqual({
      eventId: layout.eventId,
      seatId: wanted[0]?.seatId,
      sectionId: 'C',
      block: wanted[0]?.block,
      status: 'AVAILABLE',
      version: 1,
      holdId: undefined,
      heldBy: undefined,
      holdExpiresAt: undefined,
    });
  });

  it('reads every seat of one section from all its block partitions, and only that section', async () => {
    const blocks = layout.blocksOfSection('B');
    expect(blocks).toEqual([0, 1, 2]);

    const seats = await fx.seats.readSection(layout.eventId, 'B', blocks);

    expect(seats).toHaveLength(300);
    expect(new Set(seats.map((seat) => seat.seatId))).toEqual(new Set(layout.seatsOfSection('B').map((seat) => seat.seatId)));
    expect(seats.every((seat) => seat.sectionId === 'B')).toBe(true);
    expect(await fx.seats.readSection(layout.eventId, 'B', [1])).toHaveLength(100);
    expect(await fx.seats.readSection(layout.eventId, 'Z', [0])).toEqual([]);
  });
});
