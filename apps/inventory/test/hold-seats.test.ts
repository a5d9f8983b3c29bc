import { status } from '@grpc/grpc-js';
import { HoldStatus, SeatStatus, type HoldSeatsRequest } from '@ticketing/inventory-contract';
import { demoEventRequest } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from './support/grpc-call';
import { holdSeats, seatIds, seatStatuses, uniqueHoldId } from './support/holds';
import { startTestInventory, type TestInventory } from './support/inventory-test-app';

const eventId = 'evt_holds';

describe('HoldSeats', () => {
  let inventory: TestInventory;
  const hold = (request: Partial<HoldSeatsRequest>) => holdSeats(inventory.rpc, eventId, request);
  const statusesOf = (...ids: string[]) => seatStatuses(inventory.rpc, eventId, ...ids);

  beforeAll(async () => {
    inventory = await startTestInventory();
    await inventory.rpc.createEvent(
      demoEventRequest({
        eventId,
        sections: [
          { sectionId: 'A', rows: 4, seatsPerRow: 10, priceMinor: 4_500 },
          { sectionId: 'B', rows: 2, seatsPerRow: 6, priceMinor: 2_000 },
        ],
      }),
      { metadata: inventory.admin },
    );
  });
  afterAll(() => inventory?.close());

  it('holds named seats all together and shows them HELD', async () => {
    const before = Date.now();
    const { hold: placed } = await hold({ selection: seatIds('A-A1', 'A-A2') });
    expect(placed).toMatchObject({
      eventId,
      userId: 'user-1',
      status: HoldStatus.ACTIVE,
      total: { amountMinor: 9_000, currency: 'EUR' },
      seats: [expect.objectContaining({ seatId: 'A-A1', status: SeatStatus.HELD }), expect.objectContaining({ seatId: 'A-A2' })],
    });
    expect(placed!.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(300_000 - 1_000);
    expect(await statusesOf('A-A1', 'A-A2', 'A-A3')).toEqual([SeatStatus.HELD, SeatStatus.HELD, SeatStatus.AVAILABLE]);
  });

  it('refuses seats another hold has, naming them, and takes none of the others', async () => {
    await hold({ selection: seatIds('A-B1') });
    const failure = await failureOf(hold({ userId: 'user-2', selection: seatIds('A-B2', 'A-B1') }));
    expect(failure.code).toBe(status.ABORTED);
    expect(failure.detail).toMatchObject({ code: 'INVENTORY_CONFLICT', conflictingSeatIds: ['A-B1'] });
    expect(await statusesOf('A-B2')).toEqual([SeatStatus.AVAILABLE]);
  });

  it('chooses adjacent best-available seats in one row', async () => {
    const { hold: placed } = await hold({ selection: { $case: 'bestAvailable', value: { quantity: 3, sectionId: 'B' } } });
    const seats = placed!.seats;
    expect(seats).toHaveLength(3);
    expect(new Set(seats.map((seat) => seat.rowId)).size).toBe(1);
    const numbers = seats.map((seat) => seat.number).sort((a, b) => a - b);
    expect(numbers[2]! - numbers[0]!).toBe(2);
  });

  it('returns the same hold when the same hold id is sent again, and refuses it for another request', async () => {
    const request = { holdId: uniqueHoldId('h_retry'), selection: seatIds('A-C5') };
    const first = await hold(request);
    const again = await hold(request);
    expect(again.hold).toEqual(first.hold);
    const failure = await failureOf(hold({ holdId: request.holdId, selection: seatIds('A-C6') }));
    expect(failure.detail).toMatchObject({ code: 'HOLD_CONFLICT', holdId: request.holdId });
    expect(await statusesOf('A-C6')).toEqual([SeatStatus.AVAILABLE]);
  });

  it('returns the same best-available hold when it is sent again, even when no other seat is left', async () => {
    // Found by contention.test.ts: the repeat chose seats afresh, saw its own seats taken and
    // answered INVENTORY_CONFLICT although the hold existed.
    const soldOut = 'evt_holds_two_seats';
    await inventory.rpc.createEvent(
      demoEventRequest({ eventId: soldOut, sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 2, priceMinor: 1_000 }] }),
      { metadata: inventory.admin },
    );
    const request = {
      holdId: uniqueHoldId('h_best_retry'),
      eventId: soldOut,
      selection: { $case: 'bestAvailable' as const, value: { quantity: 2 } },
    };
    const first = await hold(request);
    expect(first.hold?.seats.map((seat) => seat.seatId)).toEqual(['A-A1', 'A-A2']);
    expect((await hold(request)).hold).toEqual(first.hold);

    const other = await failureOf(hold({ ...request, selection: { $case: 'bestAvailable', value: { quantity: 1 } } }));
    expect(other.detail).toMatchObject({ code: 'HOLD_CONFLICT', holdId: request.holdId });
    const stranger = await failureOf(hold({ ...request, holdId: uniqueHoldId('h_best_other') }));
    expect(stranger.detail?.code).toBe('INVENTORY_CONFLICT');
  });

  it('yields exactly one hold when the same hold id arrives 20 times at once', async () => {
    const request = { holdId: uniqueHoldId('h_burst'), selection: seatIds('A-D1', 'A-D2') };
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => hold(request)));
    const holds = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.hold] : []));
    expect(holds.length).toBeGreaterThan(0);
    for (const hold of holds) expect(hold).toEqual(holds[0]);
    const stored = await inventory.rpc.getHold({ holdId: request.holdId, userId: 'user-1' });
    expect(stored.hold).toEqual(holds[0]);
  });

  it.each([
    ['an unknown event', { eventId: 'evt_nope', selection: seatIds('A-A9') }, status.NOT_FOUND, 'EVENT_NOT_FOUND'],
    ['duplicate seat ids', { selection: seatIds('A-A9', 'A-A9') }, status.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
    ['unknown seat ids', { selection: seatIds('A-Z99') }, status.NOT_FOUND, 'SEAT_NOT_FOUND'],
    ['too many seats', { selection: seatIds(...Array.from({ length: 11 }, (_, i) => `A-A${i + 1}`)) }, status.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
    ['an empty hold id', { holdId: '', selection: seatIds('A-A9') }, status.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
    ['a zero quantity', { selection: { $case: 'bestAvailable' as const, value: { quantity: 0 } } }, status.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
    // uint32 on the wire: a client that writes -1 sends 2^32 - 1 (ts-proto itself refuses to encode -1).
    ['a negative quantity', { selection: { $case: 'bestAvailable' as const, value: { quantity: 2 ** 32 - 1 } } }, status.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
    ['no selection', { selection: undefined }, status.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
  ])('refuses %s and writes nothing', async (_case, request, code, errorCode) => {
    const failure = await failureOf(hold(request as Partial<HoldSeatsRequest>));
    expect(failure.code).toBe(code);
    expect(failure.detail?.code).toBe(errorCode);
    expect(await statusesOf('A-A9')).toEqual([SeatStatus.AVAILABLE]);
  });
});
