import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FullStack, type ReservationView } from './support/full-stack';

/** Holds last the inventory's default (minutes) here: nothing expires during these tests. */
describe('payment outcomes end to end (inventory, API, worker as processes)', () => {
  let stack: FullStack;
  beforeAll(async () => {
    stack = await FullStack.start({ eventId: 'evt_worker_pay', sections: [{ sectionId: 'A', rows: 2, seatsPerRow: 10, priceMinor: 4_000 }] });
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ worker: 0, api: 0, inventory: 0 });
  });


  it('payment.approved: the reservation is CONFIRMED with an order, and its seats are SOLD to the buyer', async () => {
    const held = await stack.hold('ana', ['A-A1', 'A-A2']);
    await stack.pay(held, 'approved');
    const confirmed = await stack.waitForStatus('ana', held, 'CONFIRMED');
    expect(confirmed.order_id).toMatch(/^ord_/);
    const seats = await stack.seats();
    for (const seatId of ['A-A1', 'A-A2']) expect(seats.get(seatId)).toMatchObject({ status: 'SOLD', holdId: held.reservation_id, heldBy: 'ana' });
  });

  it('payment.failed: the reservation is CANCELLED and its seats are AVAILABLE again', async () => {
    const held = await stack.hold('ben', ['A-A3']);
    await stack.pay(held, 'failed');
    await stack.waitForStatus('ben', held, 'CANCELLED');
    expect((await stack.seats()).get('A-A3')?.status).toBe('AVAILABLE');
    // Someone else can have the seat now.
    expect((await stack.reserve('cat', ['A-A3'])).status).toBe(201);
  });

  it('handles an event delivered twice once: the same end state, the second delivery dropped as a duplicate', async () => {
    const approved = await stack.hold('dan', ['A-A5']);
    const failed = await stack.hold('eve', ['A-A6']);
    const approvedId = await stack.pay(approved, 'approved');
    await stack.pay(approved, 'approved', { messageId: approvedId });
    const failedId = await stack.pay(failed, 'failed');
    await stack.pay(failed, 'failed', { messageId: failedId });

    await stack.waitForStatus('dan', approved, 'CONFIRMED');
    await stack.waitForStatus('eve', failed, 'CANCELLED');
    await waitFor(
      () =>
        [approvedId, failedId].every((messageId) =>
          stack.workerLogLines().some((line) => line['message_id'] === messageId && line['msg'] === 'event already handled; duplicate delivery dropped'),
        ),
      { description: 'both redeliveries to be dropped', timeoutMs: 20_000 },
    );
    const handled = stack.workerLogLines().filter((line) => line['msg'] === 'event handled' && [approvedId, failedId].includes(String(line['message_id'])));
    expect(handled.map((line) => line['result']).sort()).toEqual(['cancelled', 'confirmed']);
    const seats = await stack.seats();
    expect(seats.get('A-A5')).toMatchObject({ status: 'SOLD', heldBy: 'dan' });
    expect(seats.get('A-A6')?.status).toBe('AVAILABLE');
  });

  it('a late payment.failed does not undo a confirmation (out of order)', async () => {
    const held = await stack.hold('fay', ['A-A7']);
    await stack.pay(held, 'approved', { paymentIntentId: 'pi_fay_ok' });
    await stack.waitForStatus('fay', held, 'CONFIRMED');
    const lateFailure = await stack.pay(held, 'failed', { paymentIntentId: 'pi_fay_retry' });
    await waitFor(() => stack.workerLogLines().some((line) => line['message_id'] === lateFailure && line['msg'] === 'event handled'), {
      description: 'the late failure to be handled',
      timeoutMs: 20_000,
    });
    expect((await stack.reservation('fay', held.reservation_id)).status).toBe('CONFIRMED');
    expect((await stack.seats()).get('A-A7')?.status).toBe('SOLD');
  });

  it('dead-letters at once a payment for a reservation that does not exist, and a malformed event', async () => {
    const before = await stack.deadLetterCount();
    const ghost: ReservationView = {
      reservation_id: 'rsv_01JD0000000000000000000000',
      status: 'HOLD',
      hold_expires_at: new Date().toISOString(),
      total: { amount: 100, currency: 'EUR' },
      seats: [],
    };
    await stack.pay(ghost, 'approved');
    await stack.pay({ ...ghost, total: { amount: 100, currency: 'euro' } }, 'approved');
    await waitFor(async () => (await stack.deadLetterCount()) === before + 2, { description: 'two dead letters', timeoutMs: 20_000 });
    // The counter moves once the message is also gone from the source queue, a moment after the DLQ has it.
    await waitFor(
      async () => {
        const metrics = await stack.workerMetrics();
        return (
          /worker_dlq_sends_total\{[^}]*reason="reservation-not-found"[^}]*\} 1\n/.test(metrics) &&
          /worker_dlq_sends_total\{[^}]*reason="malformed"[^}]*\} 1\n/.test(metrics)
        );
      },
      { description: 'both dead letters counted by reason' },
    );
  });
});
