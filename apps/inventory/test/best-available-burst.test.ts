import { demoEventRequest } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from './support/grpc-call';
import { holdSeats } from './support/holds';
import { startTestInventory, type TestInventory } from './support/inventory-test-app';

/*
 * An on-sale burst of best-available requests (the real inventory, DynamoDB Local, Redis): many
 * buyers at once ask for "any seat", far fewer than there are seats. Every one of them must get
 * seats; a refusal while seats are free is a lost sale. Before choices were spread over equivalent
 * blocks, concurrent requests all picked the single best block, and most of them ran out of
 * attempts racing for it.
 */

/** 4 sections × 2 rows × 25 seats. */
const sections = ['A', 'B', 'C', 'D'].map((sectionId) => ({ sectionId, rows: 2, seatsPerRow: 25, priceMinor: 3_000 }));
const seatsInEvent = 200;
const inFlight = 25;

/** Sends `requests` HoldSeats for `quantity` best-available seats, `inFlight` at a time; the failure codes, in order. */
async function burst(inventory: TestInventory, eventId: string, requests: number, quantity: number, sectionId?: string) {
  const held: string[][] = [];
  const refused: string[] = [];
  let next = 0;
  const buyer = async () => {
    for (let index = next++; index < requests; index = next++) {
      const request = holdSeats(inventory.rpc, eventId, {
        userId: `buyer-${index}`,
        selection: { $case: 'bestAvailable', value: { quantity, sectionId } },
      });
      try {
        held.push((await request).hold!.seats.map((seat) => seat.seatId));
      } catch {
        refused.push(String((await failureOf(request)).detail?.['code']));
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, buyer));
  return { held, refused };
}

describe('a best-available burst', () => {
  let inventory: TestInventory;
  let event = 0;
  const newEvent = async () => {
    const eventId = `evt_burst_${(event += 1)}`;
    await inventory.rpc.createEvent(demoEventRequest({ eventId, sections }), { metadata: inventory.admin });
    return eventId;
  };

  beforeAll(async () => {
    inventory = await startTestInventory();
  });
  afterAll(() => inventory?.close());

  it(`seats every single-ticket buyer while seats are free (${inFlight} in flight), then refuses the one too many`, async () => {
    const eventId = await newEvent();
    const { held, refused } = await burst(inventory, eventId, seatsInEvent, 1);
    expect(refused).toEqual([]);
    expect(held).toHaveLength(seatsInEvent);
    expect(new Set(held.flat()).size).toBe(seatsInEvent);

    const soldOut = await failureOf(holdSeats(inventory.rpc, eventId, { selection: { $case: 'bestAvailable', value: { quantity: 1 } } }));
    expect(soldOut.detail?.['code']).toBe('INVENTORY_CONFLICT');
  });

  it('seats every pair of a burst that asks for half the section, each pair side by side', async () => {
    const eventId = await newEvent();
    // Section A: 50 seats in two rows of 25; 12 pairs leave room however they fall.
    const { held, refused } = await burst(inventory, eventId, 12, 2, 'A');
    expect(refused).toEqual([]);
    expect(new Set(held.flat()).size).toBe(24);
    for (const pair of held) {
      const [first, second] = pair.map((seatId) => /^A-([A-Z])(\d+)$/.exec(seatId)!);
      expect(first![1]).toBe(second![1]);
      expect(Math.abs(Number(first![2]) - Number(second![2]))).toBe(1);
    }
  });

  it('seats a party in two adjacent rows only when it allows a split and no row can seat it together', async () => {
    const eventId = `evt_split_${(event += 1)}`;
    const narrow = [{ sectionId: 'N', rows: 2, seatsPerRow: 3, priceMinor: 2_000 }];
    await inventory.rpc.createEvent(demoEventRequest({ eventId, sections: narrow }), { metadata: inventory.admin });
    const party = (allowSplit: boolean) =>
      holdSeats(inventory.rpc, eventId, { selection: { $case: 'bestAvailable', value: { quantity: 4, allowSplit } } });

    expect((await failureOf(party(false))).detail?.['code']).toBe('INVENTORY_CONFLICT');
    const { hold } = await party(true);
    const rows = new Map<string, number[]>();
    for (const seat of hold!.seats) rows.set(seat.rowId, [...(rows.get(seat.rowId) ?? []), seat.number]);
    expect([...rows.keys()].sort()).toEqual(['A', 'B']);
    expect([...rows.values()].map((numbers) => numbers.length).sort()).toEqual([2, 2]);
    for (const numbers of rows.values()) expect(Math.abs(numbers[0]! - numbers[1]!)).toBe(1);
  });
});
