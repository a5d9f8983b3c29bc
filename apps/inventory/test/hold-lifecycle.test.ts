import { status } from '@grpc/grpc-js';
import { HoldStatus, ReleaseReason, SeatStatus } from '@ticketing/inventory-contract';
import { demoEventRequest } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from './support/grpc-call';
import { holdSeats, seatIds, seatStatuses } from './support/holds';
import { startTestInventory, type TestInventory } from './support/inventory-test-app';

const eventId = 'evt_lifecycle';

describe('GetHold, CommitHold, ReleaseHold', () => {
  let inventory: TestInventory;
  beforeAll(async () => {
    inventory = await startTestInventory();
    await inventory.rpc.createEvent(
      demoEventRequest({ eventId, sections: [{ sectionId: 'A', rows: 3, seatsPerRow: 8, priceMinor: 3_000 }] }),
      { metadata: inventory.admin },
    );
  });
  afterAll(() => inventory?.close());

  it('commits a hold: seats SOLD, hold COMMITTED; the same payment again is a no-op, another is refused', async () => {
    const { hold } = await holdSeats(inventory.rpc, eventId, { selection: seatIds('A-A1', 'A-A2') });
    const request = { holdId: hold!.holdId, userId: 'user-1', paymentReference: 'pay_1' };
    const committed = await inventory.rpc.commitHold(request);
    expect(committed.hold).toMatchObject({ status: HoldStatus.COMMITTED, paymentReference: 'pay_1' });
    expect(await seatStatuses(inventory.rpc, eventId, 'A-A1', 'A-A2')).toEqual([SeatStatus.SOLD, SeatStatus.SOLD]);

    expect((await inventory.rpc.commitHold(request)).hold).toEqual(committed.hold);
    const other = await failureOf(inventory.rpc.commitHold({ ...request, paymentReference: 'pay_2' }));
    expect(other.code).toBe(status.FAILED_PRECONDITION);
    expect(other.detail).toMatchObject({ code: 'HOLD_NOT_ACTIVE', holdId: hold!.holdId });
  });

  it('never releases a committed hold, and a sold seat cannot be held again', async () => {
    const { hold } = await holdSeats(inventory.rpc, eventId, { selection: seatIds('A-B1') });
    await inventory.rpc.commitHold({ holdId: hold!.holdId, userId: 'user-1', paymentReference: 'pay_3' });
    const release = await failureOf(
      inventory.rpc.releaseHold({ holdId: hold!.holdId, userId: 'user-1', reason: ReleaseReason.USER_CANCELLED }),
    );
    expect(release.detail?.code).toBe('HOLD_NOT_ACTIVE');
    const again = await failureOf(holdSeats(inventory.rpc, eventId, { userId: 'user-2', selection: seatIds('A-B1') }));
    expect(again.detail).toMatchObject({ code: 'INVENTORY_CONFLICT', conflictingSeatIds: ['A-B1'] });
    expect(await seatStatuses(inventory.rpc, eventId, 'A-B1')).toEqual([SeatStatus.SOLD]);
  });

  it('releases a hold (idempotently) and gives its seats to the next user', async () => {
    const { hold } = await holdSeats(inventory.rpc, eventId, { selection: seatIds('A-C1', 'A-C2') });
    const request = { holdId: hold!.holdId, userId: 'user-1', reason: ReleaseReason.USER_CANCELLED };
    const released = await inventory.rpc.releaseHold(request);
    expect(released.hold).toMatchObject({ status: HoldStatus.RELEASED, releaseReason: ReleaseReason.USER_CANCELLED });
    expect((await inventory.rpc.releaseHold(request)).hold).toEqual(released.hold);
    expect(await seatStatuses(inventory.rpc, eventId, 'A-C1', 'A-C2')).toEqual([SeatStatus.AVAILABLE, SeatStatus.AVAILABLE]);

    const next = await holdSeats(inventory.rpc, eventId, { userId: 'user-2', selection: seatIds('A-C1') });
    expect(next.hold?.status).toBe(HoldStatus.ACTIVE);
    const commit = await failureOf(inventory.rpc.commitHold({ holdId: hold!.holdId, userId: 'user-1', paymentReference: 'late' }));
    expect(commit.detail?.code).toBe('HOLD_NOT_ACTIVE');
  });

  it("hides a hold from anyone but its user, as if it did not exist", async () => {
    const { hold } = await holdSeats(inventory.rpc, eventId, { selection: seatIds('A-C5') });
    for (const call of [
      () => inventory.rpc.getHold({ holdId: hold!.holdId, userId: 'user-2' }),
      () => inventory.rpc.commitHold({ holdId: hold!.holdId, userId: 'user-2', paymentReference: 'p' }),
      () => inventory.rpc.releaseHold({ holdId: hold!.holdId, userId: 'user-2', reason: ReleaseReason.USER_CANCELLED }),
      () => inventory.rpc.getHold({ holdId: 'h_never_placed', userId: 'user-1' }),
    ]) {
      const failure = await failureOf(call());
      expect(failure.code).toBe(status.NOT_FOUND);
      expect(failure.detail?.code).toBe('HOLD_NOT_FOUND');
    }
    expect((await inventory.rpc.getHold({ holdId: hold!.holdId, userId: 'user-1' })).hold).toEqual(hold);
    expect(await seatStatuses(inventory.rpc, eventId, 'A-C5')).toEqual([SeatStatus.HELD]);
  });

  it.each([
    ['an empty hold id', { holdId: '', userId: 'user-1' }],
    ['an empty user id', { holdId: 'h_x', userId: '' }],
  ])('refuses %s', async (_case, request) => {
    expect((await failureOf(inventory.rpc.getHold(request))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses a release without a reason and a commit without a payment reference', async () => {
    const { hold } = await holdSeats(inventory.rpc, eventId, { selection: seatIds('A-C7') });
    const noReason = await failureOf(
      inventory.rpc.releaseHold({ holdId: hold!.holdId, userId: 'user-1', reason: ReleaseReason.UNSPECIFIED }),
    );
    expect(noReason.detail).toMatchObject({ code: 'VALIDATION_FAILED', metadata: { field: 'reason' } });
    const noPayment = await failureOf(inventory.rpc.commitHold({ holdId: hold!.holdId, userId: 'user-1', paymentReference: '' }));
    expect(noPayment.detail).toMatchObject({ code: 'VALIDATION_FAILED', metadata: { field: 'payment_reference' } });
    expect(await seatStatuses(inventory.rpc, eventId, 'A-C7')).toEqual([SeatStatus.HELD]);
  });

  it('answers availability for seat ids and for a quantity', async () => {
    await holdSeats(inventory.rpc, eventId, { selection: seatIds('A-A8') });
    const seats = await inventory.rpc.checkAvailability({ eventId, selection: seatIds('A-A7', 'A-A8') });
    expect(seats).toEqual({ available: false, unavailableSeatIds: ['A-A8'], availableCount: 1 });
    const quantity = await inventory.rpc.checkAvailability({ eventId, selection: { $case: 'bestAvailable', value: { quantity: 4 } } });
    expect(quantity.available).toBe(true);
    const tooMany = await inventory.rpc.checkAvailability({ eventId, selection: { $case: 'bestAvailable', value: { quantity: 9 } } });
    expect(tooMany.available).toBe(false);
  });

  it('reports counts per section that add up', async () => {
    const inventoryStatus = await inventory.rpc.getInventoryStatus({ eventId });
    const totals = inventoryStatus.totals!;
    expect(totals.total).toBe(24);
    expect(totals.available + totals.held + totals.sold + totals.blocked).toBe(24);
    expect(inventoryStatus.sections).toEqual([expect.objectContaining({ sectionId: 'A', total: 24 })]);
  });
});
