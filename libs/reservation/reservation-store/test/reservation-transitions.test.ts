import type { RecordedPayment, Reservation } from '@ticketing/reservation-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservationWithDuplicatePayment, reservationWithPayment, transitionedReservation, WriteConditionFailedError } from '../src';
import { holdReservation, orderFor, plus, type ReservationFixture, rejectionOf, reservationFixture } from './support/fixtures';

describe('ReservationStore: transitions', () => {
  let fx: ReservationFixture;
  beforeAll(async () => {
    fx = await reservationFixture();
  });
  afterAll(() => fx.cleanup());

  async function created(): Promise<Reservation> {
    const reservation = holdReservation();
    await fx.reservations.commit([fx.reservations.createWrite(reservation)]);
    return reservation;
  }

  function approved(reservation: Reservation, recordedAt: Date): RecordedPayment {
    return { paymentIntentId: `pi_${reservation.reservationId}`, status: 'APPROVED', amount: reservation.total, recordedAt };
  }

  it('lets exactly one of a concurrent confirm and cancel from HOLD win; the loser learns the winner', async () => {
    for (let round = 0; round < 5; round++) {
      const read = await created();
      const now = new Date();
      const order = orderFor(read, now);
      const confirmation = { orderId: order.orderId, payment: approved(read, now), updatedAt: now };
      const confirm = fx.reservations.commit([
        fx.reservations.transitionWrite(read, 'CONFIRMED', confirmation),
        fx.reservations.orderCreateWrite(order),
      ]);
      const cancel = fx.reservations.commit([fx.reservations.transitionWrite(read, 'CANCELLED', { updatedAt: now })]);

      const [confirmed, cancelled] = await Promise.allSettled([confirm, cancel]);

      expect([confirmed.status, cancelled.status].sort()).toEqual(['fulfilled', 'rejected']);
      const stored = await fx.reservations.get(read.reservationId);
      const loser = (confirmed.status === 'rejected' ? confirmed.reason : (cancelled as PromiseRejectedResult).reason) as unknown;
      expect(loser).toBeInstanceOf(WriteConditionFailedError);
      const failure = loser as WriteConditionFailedError;
      expect(failure.failedWrites).toEqual([
        expect.objectContaining({ index: 0, operation: 'Update', target: { kind: 'reservation', reservationId: read.reservationId } }),
      ]);
      expect(failure.currentReservation(read.reservationId)).toEqual(stored);
      expect(stored?.version).toBe(2);
      if (confirmed.status === 'fulfilled') {
        expect(stored).toEqual(transitionedReservation(read, 'CONFIRMED', confirmation));
        expect(await fx.reservations.getOrder(order.orderId)).toEqual(order);
      } else {
        expect(stored).toMatchObject({ status: 'CANCELLED', orderId: undefined, payment: undefined });
        expect(await fx.reservations.getOrder(order.orderId)).toBeUndefined();
      }
    }
  });

  it('lets exactly one of a concurrent confirm and refund out of EXPIRED win (a late payment with re-acquired seats)', async () => {
    for (let round = 0; round < 5; round++) {
      const held = await created();
      const expiredAt = plus(held.createdAt, 1);
      await fx.reservations.commit([fx.reservations.transitionWrite(held, 'EXPIRED', { updatedAt: expiredAt })]);
      const read = transitionedReservation(held, 'EXPIRED', { updatedAt: expiredAt });
      expect(await fx.reservations.get(read.reservationId)).toEqual(read);
      const now = new Date();
      const order = orderFor(read, now);
      const confirmation = { orderId: order.orderId, payment: approved(read, now), updatedAt: now };
      const confirm = fx.reservations.commit([
        fx.reservations.transitionWrite(read, 'CONFIRMED', confirmation),
        fx.reservations.orderCreateWrite(order),
      ]);
      const refund = fx.reservations.commit([
        fx.reservations.transitionWrite(read, 'REFUND_REQUIRED', { payment: approved(read, now), updatedAt: now }),
      ]);

      const [confirmed, refunded] = await Promise.allSettled([confirm, refund]);

      expect([confirmed.status, refunded.status].sort()).toEqual(['fulfilled', 'rejected']);
      const stored = await fx.reservations.get(read.reservationId);
      expect(stored?.version).toBe(3);
      if (confirmed.status === 'fulfilled') {
        expect(stored).toEqual(transitionedReservation(read, 'CONFIRMED', confirmation));
        expect(await fx.reservations.getOrder(order.orderId)).toEqual(order);
      } else {
        expect(confirmed.reason).toBeInstanceOf(WriteConditionFailedError);
        expect(stored).toMatchObject({ status: 'REFUND_REQUIRED', orderId: undefined });
        expect(await fx.reservations.getOrder(order.orderId)).toBeUndefined();
      }
    }
  });

  it('grows the version with every change and refuses a change from a stale read', async () => {
    const v1 = await created();
    const paidAt = plus(v1.createdAt, 60_000);
    const payment = approved(v1, paidAt);

    await fx.reservations.commit([fx.reservations.recordPaymentWrite(v1, payment)]);
    const v2 = await fx.reservations.get(v1.reservationId);
    expect(v2).toEqual(reservationWithPayment(v1, payment));
    expect(v2?.version).toBe(2);

    const stale = await rejectionOf(fx.reservations.commit([fx.reservations.transitionWrite(v1, 'EXPIRED', { updatedAt: paidAt })]));
    expect(stale).toBeInstanceOf(WriteConditionFailedError);
    expect((stale as WriteConditionFailedError).currentReservation()).toEqual(v2);

    const order = orderFor(v1, paidAt);
    await fx.reservations.commit([
      fx.reservations.orderCreateWrite(order),
      fx.reservations.transitionWrite(v2 as Reservation, 'CONFIRMED', { orderId: order.orderId, updatedAt: plus(paidAt, 1) }),
    ]);
    expect(await fx.reservations.get(v1.reservationId)).toMatchObject({
      status: 'CONFIRMED',
      version: 3,
      orderId: order.orderId,
      payment,
      updatedAt: plus(paidAt, 1),
    });
  });

  it('notes duplicate approvals of a settled reservation as a set, keeping its status and payment', async () => {
    const v1 = await created();
    const paidAt = plus(v1.createdAt, 60_000);
    const payment = approved(v1, paidAt);
    const order = orderFor(v1, paidAt);
    await fx.reservations.commit([
      fx.reservations.orderCreateWrite(order),
      fx.reservations.transitionWrite(v1, 'CONFIRMED', { payment, orderId: order.orderId, updatedAt: paidAt }),
    ]);
    const v2 = (await fx.reservations.get(v1.reservationId)) as Reservation;
    const second = { ...payment, paymentIntentId: 'pi_second', recordedAt: plus(paidAt, 1_000) };
    const third = { ...payment, paymentIntentId: 'pi_third', recordedAt: plus(paidAt, 2_000) };

    await fx.reservations.commit([fx.reservations.recordDuplicatePaymentWrite(v2, second)]);
    const v3 = (await fx.reservations.get(v1.reservationId)) as Reservation;
    expect(v3).toEqual(reservationWithDuplicatePayment(v2, second));
    await fx.reservations.commit([fx.reservations.recordDuplicatePaymentWrite(v3, third)]);

    expect(await fx.reservations.get(v1.reservationId)).toMatchObject({
      status: 'CONFIRMED',
      payment,
      orderId: order.orderId,
      version: 4,
      duplicatePaymentIntentIds: ['pi_second', 'pi_third'],
    });
    // A second report of the same duplicate from the same read loses the race.
    const again = await rejectionOf(fx.reservations.commit([fx.reservations.recordDuplicatePaymentWrite(v2, second)]));
    expect(again).toBeInstanceOf(WriteConditionFailedError);
  });

  it('does not transition a reservation that does not exist', async () => {
    const ghost = holdReservation();

    const cancel = fx.reservations.transitionWrite(ghost, 'CANCELLED', { updatedAt: new Date() });

    const error = await rejectionOf(fx.reservations.commit([cancel]));

    expect(error).toBeInstanceOf(WriteConditionFailedError);
    expect((error as WriteConditionFailedError).currentReservation()).toBeUndefined();
    expect(await fx.reservations.get(ghost.reservationId)).toBeUndefined();
  });

  it('refuses a duplicate order, and with it the whole confirmation', async () => {
    const first = await created();
    const now = new Date();
    const order = orderFor(first, now);
    await fx.reservations.commit([fx.reservations.orderCreateWrite(order)]);
    const read = await created();

    const error = await rejectionOf(
      fx.reservations.commit([
        fx.reservations.transitionWrite(read, 'CONFIRMED', { orderId: order.orderId, updatedAt: now }),
        fx.reservations.orderCreateWrite({ ...order, reservationId: read.reservationId }),
      ]),
    );

    expect((error as WriteConditionFailedError).failedWrites).toMatchObject([
      { index: 1, target: { kind: 'order', orderId: order.orderId } },
    ]);
    expect(await fx.reservations.get(read.reservationId)).toEqual(read);
    expect(await fx.reservations.getOrder(order.orderId)).toEqual(order);
  });
});
