import type { Reservation } from '@ticketing/reservation-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservationStore, WriteConditionFailedError } from '../src';
import { holdReservation, orderFor, plus, type ReservationFixture, rejectionOf, reservationFixture, uniqueId } from './support/fixtures';

describe('ReservationStore: create, get, list', () => {
  let fx: ReservationFixture;
  beforeAll(async () => {
    fx = await reservationFixture();
  });
  afterAll(() => fx.cleanup());

  async function created(reservation: Reservation): Promise<Reservation> {
    await fx.reservations.commit([fx.reservations.createWrite(reservation)]);
    return reservation;
  }

  it('creates a reservation and reads it back as it was', async () => {
    const reservation = await created(holdReservation());

    expect(await fx.reservations.get(reservation.reservationId)).toEqual(reservation);
    expect(await fx.reservations.get(uniqueId('rsv'))).toBeUndefined();
  });

  it('refuses a second reservation with the same id, naming it and showing the stored one', async () => {
    const first = await created(holdReservation());
    const duplicate = { ...holdReservation({ reservationId: first.reservationId }), userId: 'user_2' };

    const error = await rejectionOf(fx.reservations.commit([fx.reservations.createWrite(duplicate)]));

    expect(error).toBeInstanceOf(WriteConditionFailedError);
    expect((error as WriteConditionFailedError).failedWrites).toMatchObject([
      { index: 0, operation: 'Put', target: { kind: 'reservation', reservationId: first.reservationId } },
    ]);
    expect((error as WriteConditionFailedError).currentReservation(first.reservationId)).toEqual(first);
    expect(await fx.reservations.get(first.reservationId)).toEqual(first);
  });

  it("lists a user's reservations newest first, three pages of 3, 3 and 1, and nobody else's", async () => {
    const start = new Date('2026-03-01T10:00:00.000Z');
    const userId = uniqueId('user');
    const mine = [];
    for (let i = 0; i < 7; i++) mine.push(await created(holdReservation({ userId, createdAt: plus(start, i * 1_000) })));
    await created(holdReservation({ userId: uniqueId('user'), createdAt: plus(start, 500) }));
    const newestFirst = [...mine].reverse().map((r) => r.reservationId);

    const first = await fx.reservations.listByUser(userId, { limit: 3 });
    const second = await fx.reservations.listByUser(userId, { limit: 3, cursor: first.nextCursor });
    const third = await fx.reservations.listByUser(userId, { limit: 3, cursor: second.nextCursor });

    expect(first.items.map((r) => r.reservationId)).toEqual(newestFirst.slice(0, 3));
    expect(second.items.map((r) => r.reservationId)).toEqual(newestFirst.slice(3, 6));
    expect(third.items.map((r) => r.reservationId)).toEqual(newestFirst.slice(6));
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.nextCursor).toEqual(expect.any(String));
    expect(third.nextCursor).toBeUndefined();
    expect(third.items[0]).toEqual(mine[0]);
  });

  it('gives no cursor when the page ends exactly at the last reservation', async () => {
    const userId = uniqueId('user');
    await created(holdReservation({ userId, createdAt: new Date('2026-03-01T10:00:00.000Z') }));
    await created(holdReservation({ userId, createdAt: new Date('2026-03-01T10:00:01.000Z') }));

    const page = await fx.reservations.listByUser(userId, { limit: 2 });

    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeUndefined();
    expect(await fx.reservations.listByUser(uniqueId('user'))).toEqual({ items: [] });
  });

  it("reads only the caller's own reservations, whatever cursor comes: another user's, or a made-up one", async () => {
    const alice = uniqueId('user');
    const bob = uniqueId('user');
    for (let i = 0; i < 3; i++) await created(holdReservation({ userId: alice, createdAt: plus(new Date('2026-03-02T00:00:00Z'), i) }));
    await created(holdReservation({ userId: bob }));
    const alicesCursor = (await fx.reservations.listByUser(alice, { limit: 1 })).nextCursor as string;

    for (const cursor of [alicesCursor, 'zzzzzzzz', 'AA']) {
      const bobsView = await fx.reservations.listByUser(bob, { limit: 5, cursor });
      expect(bobsView.items.every((r) => r.userId === bob)).toBe(true);
    }
    await expect(fx.reservations.listByUser(bob, { cursor: 'not a cursor!' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'cursor' },
    });
  });

  it('refuses page sizes outside 1..100', async () => {
    for (const limit of [0, 101, 2.5]) {
      await expect(fx.reservations.listByUser('user_1', { limit })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('commits nothing and leaks no SDK error when DynamoDB rejects the transaction', async () => {
    const reservation = holdReservation();
    const misconfigured = new ReservationStore(fx.documents, { ...fx.tables, ordersTable: uniqueId('no-such-table') });
    const order = orderFor(reservation, new Date());

    const error = await rejectionOf(
      misconfigured.commit([misconfigured.createWrite(reservation), misconfigured.orderCreateWrite(order)]),
    );

    expect(error).toMatchObject({ name: 'TicketingError', code: 'INTERNAL' });
    expect(error.message).not.toMatch(/dynamo|ResourceNotFound|Exception/i);
    expect(error.cause).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await fx.reservations.get(reservation.reservationId)).toBeUndefined();
    await expect(fx.reservations.commit([])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('replays a commit with the same client request token without writing twice', async () => {
    const reservation = holdReservation();
    const writes = [fx.reservations.createWrite(reservation)];

    await fx.reservations.commit(writes, { clientRequestToken: reservation.reservationId });
    await fx.reservations.commit(writes, { clientRequestToken: reservation.reservationId });

    expect(await fx.reservations.get(reservation.reservationId)).toEqual(reservation);
  });
});
