import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reacquiredHoldIds } from '../src/handlers/payment-approved.handler';
import { FullStack, type ReservationView } from './support/full-stack';

const finalStatuses = new Set(['CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUND_REQUIRED']);

/** A small deterministic random source (mulberry32), so a failing run can be replayed by its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Plan = 'pay' | 'pay-twice' | 'fail' | 'fail-then-pay' | 'abandon' | 'pay-late' | 'pay-late-stolen';
const plans: readonly Plan[] = ['pay', 'pay-twice', 'fail', 'fail-then-pay', 'abandon', 'pay-late', 'pay-late-stolen'];

interface Booking {
  readonly user: string;
  readonly reservation: ReservationView;
  readonly plan: Plan;
}

/**
 * A randomized soak: a few hundred reservations whose payments succeed, fail, come twice, come
 * after expiry (with the seats still free or taken by someone else) or never come, with one
 * worker restart in the middle. At the end every reservation is final and the inventory agrees:
 * CONFIRMED ⇔ its seats SOLD to its buyer, and no seat SOLD without a CONFIRMED reservation.
 */
describe('randomized soak with a worker restart', () => {
  const seed = Number(process.env['SOAK_SEED'] ?? Date.now() % 100_000);
  const random = seededRandom(seed);
  let stack: FullStack;
  beforeAll(async () => {
    stack = await FullStack.start({
      eventId: 'evt_worker_soak',
      sections: [{ sectionId: 'S', rows: 20, seatsPerRow: 20, priceMinor: 1_500 }],
      inventoryEnv: { HOLD_MIN_TTL_MS: '1000', HOLD_DEFAULT_TTL_MS: '6000' },
    });
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ worker: 0, api: 0, inventory: 0 });
  });

  it(`ends consistent (seed ${seed}; rerun with SOAK_SEED=${seed})`, async () => {
    const rows = 'ABCDEFGHIJKLMNOPQRST';
    const seatGroups = Array.from({ length: 200 }, (_, index) => {
      const row = rows[Math.floor(index / 10)];
      const first = (index % 10) * 2 + 1;
      return [`S-${row}${first}`, `S-${row}${first + 1}`];
    });
    const bookings: Booking[] = [];
    for (let start = 0; start < seatGroups.length; start += 20) {
      const batch = seatGroups.slice(start, start + 20);
      const placed = await Promise.all(
        batch.map(async (seats, offset) => {
          const user = `soak-${start + offset}`;
          const plan = plans[Math.floor(random() * plans.length)] ?? 'pay';
          return { user, plan, reservation: await stack.hold(user, seats) };
        }),
      );
      bookings.push(...placed);
    }

    const publish = async (booking: Booking) => {
      const { reservation, plan } = booking;
      if (plan === 'pay') await stack.pay(reservation, 'approved');
      if (plan === 'pay-twice') {
        const messageId = await stack.pay(reservation, 'approved');
        await stack.pay(reservation, 'approved', { messageId });
      }
      if (plan === 'fail') await stack.pay(reservation, 'failed');
      if (plan === 'fail-then-pay') {
        await stack.pay(reservation, 'failed', { paymentIntentId: `pi_a_${reservation.reservation_id.slice(-8)}` });
        await stack.pay(reservation, 'approved', { paymentIntentId: `pi_b_${reservation.reservation_id.slice(-8)}` });
      }
    };
    const early = bookings.filter((booking) => !booking.plan.startsWith('pay-late'));
    const half = Math.floor(early.length / 2);
    await Promise.all(early.slice(0, half).map(publish));
    // The worker restarts in the middle of the traffic.
    expect(await stack.workerProcess.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await Promise.all(early.slice(half).map(publish));
    await stack.startWorker();

    // Late payments: after the holds ran out; for half of them someone else took the seats first.
    const late = bookings.filter((booking) => booking.plan.startsWith('pay-late'));
    await sleep(7_000);
    const thieves: Booking[] = [];
    for (const booking of late.filter((candidate) => candidate.plan === 'pay-late-stolen')) {
      const thief = `thief-${booking.user}`;
      const taken = await stack.reserve(thief, booking.reservation.seats.map((seat) => seat.seat_id));
      if (taken.reservation) thieves.push({ user: thief, plan: 'abandon', reservation: taken.reservation });
    }
    await Promise.all(late.map((booking) => stack.pay(booking.reservation, 'approved')));

    const everyone = [...bookings, ...thieves];
    const statusOf = async (booking: Booking) => (await stack.reservation(booking.user, booking.reservation.reservation_id)).status;
    await waitFor(async () => (await Promise.all(everyone.map(statusOf))).every((status) => finalStatuses.has(status)), {
      description: 'every reservation to be final',
      timeoutMs: 240_000,
      intervalMs: 1_000,
    });
    // Final in the API view includes holds past expiry; wait until the worker has recorded every expiry too.
    await waitFor(
      () => {
        const expired = new Set(
          stack
            .workerLogLines()
            .filter((line) => line['msg'] === 'event handled' && line['event_type'] === 'reservation.expired')
            .map((line) => line['reservation_id']),
        );
        return everyone.every((booking) => expired.has(booking.reservation.reservation_id));
      },
      { description: 'every reservation.expired event to be handled', timeoutMs: 240_000, intervalMs: 1_000 },
    );
    // EXPIRED is final in the API view, yet a late payment may still be on its way to confirming it
    // (its re-acquired hold committed, the reservation's write retried): wait until no message is left.
    await waitFor(() => stack.workerQueueIdle(), { description: 'the worker queue to be empty', timeoutMs: 240_000, intervalMs: 1_000 });

    const finals = new Map<string, { booking: Booking; status: string }>();
    for (const booking of everyone) finals.set(booking.reservation.reservation_id, { booking, status: await statusOf(booking) });
    const seats = await stack.seats();
    const problems: string[] = [];
    for (const { booking, status } of finals.values()) {
      const id = booking.reservation.reservation_id;
      for (const { seat_id: seatId } of booking.reservation.seats) {
        const seat = seats.get(seatId);
        const soldToThis = seat?.status === 'SOLD' && (seat.holdId === id || reacquiredHoldIds(id).includes(seat.holdId ?? ''));
        if (status === 'CONFIRMED' && !(soldToThis && seat?.heldBy === booking.user)) {
          problems.push(`${id} is CONFIRMED but ${seatId} is ${JSON.stringify(seat)}`);
        }
        if (status !== 'CONFIRMED' && soldToThis) problems.push(`${id} is ${status} but ${seatId} is sold to it`);
      }
    }
    for (const seat of seats.values()) {
      if (seat.status !== 'SOLD') continue;
      const owner = finals.get((seat.holdId ?? '').replace(/-re$/, ''));
      if (owner?.status !== 'CONFIRMED') problems.push(`${seat.seatId} is SOLD to ${seat.holdId} (${owner?.status ?? 'unknown'})`);
    }
    expect(problems).toEqual([]);

    const count = (status: string) => [...finals.values()].filter((final) => final.status === status).length;
    // Every plan that pays in time confirms; the outcome mix shows the run exercised every path.
    const unconfirmed = bookings
      .filter((candidate) => candidate.plan === 'pay' || candidate.plan === 'pay-twice')
      .filter((booking) => finals.get(booking.reservation.reservation_id)?.status !== 'CONFIRMED');
    // On failure, show what the worker did about each one.
    const story = (id: string) => stack.workerLogLines().filter((line) => line['reservation_id'] === id || JSON.stringify(line).includes(id));
    expect(unconfirmed.map((booking) => ({ id: booking.reservation.reservation_id, plan: booking.plan, worker: story(booking.reservation.reservation_id) }))).toEqual([]);
    expect(count('CONFIRMED')).toBeGreaterThan(0);
    expect(count('CANCELLED') + count('REFUND_REQUIRED')).toBeGreaterThan(0);
    expect(count('EXPIRED')).toBeGreaterThan(0);
    console.info(
      `soak seed ${seed}: ${everyone.length} reservations — CONFIRMED ${count('CONFIRMED')}, CANCELLED ${count('CANCELLED')}, ` +
        `EXPIRED ${count('EXPIRED')}, REFUND_REQUIRED ${count('REFUND_REQUIRED')}`,
    );
  });
});
