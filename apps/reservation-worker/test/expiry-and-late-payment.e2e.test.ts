import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reacquiredHoldIds } from '../src/handlers/payment-approved.handler';
import { FullStack } from './support/full-stack';

/** Holds last 6 s here, so `reservation.expired` comes due from the outbox during the test. */
describe('expiry and late payments end to end', () => {
  let stack: FullStack;
  beforeAll(async () => {
    stack = await FullStack.start({
      eventId: 'evt_worker_expiry',
      sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 10, priceMinor: 2_500 }],
      inventoryEnv: { HOLD_MIN_TTL_MS: '1000', HOLD_DEFAULT_TTL_MS: '6000' },
    });
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ worker: 0, api: 0, inventory: 0 });
  });

  const handledResult = (messageId: string) =>
    stack.workerLogLines().find((line) => line['msg'] === 'event handled' && line['message_id'] === messageId)?.['result'];

  it('an unpaid hold expires when its reservation.expired event comes due: EXPIRED, seats AVAILABLE, free for someone else', async () => {
    const held = await stack.hold('gus', ['A-A1', 'A-A2']);
    // The API shows a hold past its expiry as EXPIRED at once; the worker then records it and frees the seats.
    await stack.waitForStatus('gus', held, 'EXPIRED');
    await waitFor(
      () => stack.workerLogLines().some((line) => line['reservation_id'] === held.reservation_id && line['result'] === 'expired'),
      { description: 'the worker to expire the reservation', timeoutMs: 30_000 },
    );
    const seats = await stack.seats();
    expect(seats.get('A-A1')?.status).toBe('AVAILABLE');
    expect(seats.get('A-A2')?.status).toBe('AVAILABLE');
    expect((await stack.reserve('hal', ['A-A1', 'A-A2'])).status).toBe(201);
  });

  it('a payment approved after expiry re-acquires the seats when they are still free', async () => {
    const held = await stack.hold('ida', ['A-A3']);
    await stack.waitForStatus('ida', held, 'EXPIRED');
    const messageId = await stack.pay(held, 'approved');
    const confirmed = await stack.waitForStatus('ida', held, 'CONFIRMED');
    expect(confirmed.order_id).toMatch(/^ord_/);
    expect((await stack.seats()).get('A-A3')).toMatchObject({ status: 'SOLD', heldBy: 'ida', holdId: reacquiredHoldIds(held.reservation_id)[0] });
    await waitFor(() => handledResult(messageId) !== undefined, { description: 'the handler to log its result' });
    expect(handledResult(messageId)).toBe('confirmed-reacquired');
  });

  it('a late payment whose first re-acquired hold ran out as well takes the seats again under the next hold id', async () => {
    const held = await stack.hold('max', ['A-A9']);
    await stack.waitForStatus('max', held, 'EXPIRED');
    // As if an earlier delivery had re-acquired the seat and then failed for longer than that hold lived.
    const [first, second] = reacquiredHoldIds(held.reservation_id);
    const { expiresAt } = await stack.inventoryHold('max', first ?? '', ['A-A9'], 1_000);
    await waitFor(() => Date.now() > expiresAt.getTime() + 100, { description: 'the first re-acquired hold to run out' });

    const messageId = await stack.pay(held, 'approved');

    await stack.waitForStatus('max', held, 'CONFIRMED');
    expect((await stack.seats()).get('A-A9')).toMatchObject({ status: 'SOLD', heldBy: 'max', holdId: second });
    await waitFor(() => handledResult(messageId) !== undefined, { description: 'the handler to log its result' });
    expect(handledResult(messageId)).toBe('confirmed-reacquired');
  });

  it('a payment approved after someone else took the seats turns into REFUND_REQUIRED, and the other buyer keeps them', async () => {
    const held = await stack.hold('jon', ['A-A5']);
    await stack.waitForStatus('jon', held, 'EXPIRED');
    const other = await stack.hold('kay', ['A-A5']);
    const messageId = await stack.pay(held, 'approved');
    await stack.waitForStatus('jon', held, 'REFUND_REQUIRED');
    await waitFor(() => handledResult(messageId) !== undefined, { description: 'the handler to log its result' });
    expect(handledResult(messageId)).toBe('refund-required');
    // Kay's hold was never touched: the seat is hers (or free again once her own hold ran out), never Jon's.
    const seat = (await stack.seats()).get('A-A5');
    expect(seat?.status).not.toBe('SOLD');
    expect(seat?.heldBy ?? 'kay').toBe('kay');
    expect(['HOLD', 'EXPIRED']).toContain((await stack.reservation('kay', other.reservation_id)).status);
  });

  it('a reservation.expired that arrives after the confirmation changes nothing', async () => {
    const held = await stack.hold('lou', ['A-A7']);
    await stack.pay(held, 'approved');
    await stack.waitForStatus('lou', held, 'CONFIRMED');
    // Its hold's expiry event comes due 6 s after the hold was placed, and is handled as "already final".
    await waitFor(
      () => stack.workerLogLines().some((line) => line['reservation_id'] === held.reservation_id && line['event_type'] === 'reservation.expired' && line['result'] === 'already-final'),
      { description: 'the late expiry event to be handled', timeoutMs: 30_000 },
    );
    expect((await stack.reservation('lou', held.reservation_id)).status).toBe('CONFIRMED');
    expect((await stack.seats()).get('A-A7')?.status).toBe('SOLD');
  });
});
