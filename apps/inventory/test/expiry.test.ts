import { status } from '@grpc/grpc-js';
import { HoldStatus, SeatStatus } from '@ticketing/inventory-contract';
import { HoldStore } from '@ticketing/inventory-seat-store';
import { demoEventRequest, waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from './support/grpc-call';
import { holdSeats, seatIds, seatStatuses } from './support/holds';
import { startTestInventory, type TestInventory } from './support/inventory-test-app';

const eventId = 'evt_expiry';
const oneSecond = { seconds: 1, nanos: 0 };

describe('hold expiry', () => {
  let inventory: TestInventory;
  let storedHolds: HoldStore;
  beforeAll(async () => {
    // The sweeper of this instance never runs during the test (1 h interval): expiry must be lazy.
    inventory = await startTestInventory({ HOLD_MIN_TTL_MS: '1000' });
    await inventory.rpc.createEvent(
      demoEventRequest({ eventId, sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 6, priceMinor: 1_000 }] }),
      { metadata: inventory.admin },
    );
    storedHolds = new HoldStore(
      inventory.aws.clients.documents,
      {
        seatsTable: inventory.aws.resources.tables['inventory-seats']!.name,
        holdsTable: inventory.aws.resources.tables['inventory-holds']!.name,
      },
      { retentionMs: 3_600_000 },
    );
  });
  afterAll(() => inventory?.close());

  async function expiredHold(seatId: string) {
    const { hold } = await holdSeats(inventory.rpc, eventId, { selection: seatIds(seatId), ttl: oneSecond });
    await waitFor(
      async () => (await inventory.rpc.getHold({ holdId: hold!.holdId, userId: 'user-1' })).hold?.status === HoldStatus.EXPIRED,
      { description: 'the hold to expire', timeoutMs: 15_000 },
    );
    return hold!;
  }

  it('frees the seats of an expired hold for another user without any sweeper', async () => {
    const first = await expiredHold('A-A1');
    expect((await storedHolds.getHold(first.holdId))?.status).toBe('ACTIVE');
    expect(await seatStatuses(inventory.rpc, eventId, 'A-A1')).toEqual([SeatStatus.AVAILABLE]);

    const second = await holdSeats(inventory.rpc, eventId, { userId: 'user-2', selection: seatIds('A-A1') });
    expect(second.hold?.status).toBe(HoldStatus.ACTIVE);
    const commit = await failureOf(inventory.rpc.commitHold({ holdId: first.holdId, userId: 'user-1', paymentReference: 'late' }));
    expect(commit.code).toBe(status.FAILED_PRECONDITION);
    expect(commit.detail?.code).toBe('HOLD_EXPIRED');
  });

  it('answers a repeat of an expired hold with that hold, EXPIRED, and leaves its seats free for the next one', async () => {
    const first = await expiredHold('A-A5');

    // The same request again (a caller retrying after the hold ran out): the stored hold, as it is.
    const again = await holdSeats(inventory.rpc, eventId, { holdId: first.holdId, selection: seatIds('A-A5'), ttl: { seconds: 60, nanos: 0 } });
    expect(again.hold).toMatchObject({ holdId: first.holdId, status: HoldStatus.EXPIRED });

    // The repeat did not arm the fast gate for its seats again: another hold gets them at once.
    const next = await holdSeats(inventory.rpc, eventId, { userId: 'user-2', selection: seatIds('A-A5') });
    expect(next.hold?.status).toBe(HoldStatus.ACTIVE);
  });

  it('is later marked EXPIRED by the sweeper, which leaves seats other holds took alone', async () => {
    const first = await expiredHold('A-A3');
    const takeover = await holdSeats(inventory.rpc, eventId, { userId: 'user-2', selection: seatIds('A-A3') });
    const untouched = await expiredHold('A-A4');

    const replica = await inventory.startReplica({ HOLD_MIN_TTL_MS: '1000', SWEEPER_INTERVAL_MS: '300' });
    await waitFor(
      async () =>
        (await storedHolds.getHold(first.holdId))?.status === 'EXPIRED' &&
        (await storedHolds.getHold(untouched.holdId))?.status === 'EXPIRED',
      { description: 'the sweeper to expire both holds', timeoutMs: 20_000 },
    );
    expect((await storedHolds.getHold(takeover.hold!.holdId))?.status).toBe('ACTIVE');
    expect(await seatStatuses(replica.rpc, eventId, 'A-A3', 'A-A4')).toEqual([SeatStatus.HELD, SeatStatus.AVAILABLE]);
  });
});
