import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservationStore, StoreUnavailableError } from '../src';
import { clientFailingTransactions } from './support/fault-injection';
import { holdReservation, type ReservationFixture, rejectionOf, reservationFixture } from './support/fixtures';

describe('ReservationStore.commit under transient faults', () => {
  let fx: ReservationFixture;
  beforeAll(async () => {
    fx = await reservationFixture();
  });
  afterAll(() => fx.cleanup());

  const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

  it('sends a transaction again after a transaction conflict, and it then applies', async () => {
    const faulty = clientFailingTransactions(2, 'TransactionConflict');
    const store = new ReservationStore(faulty.documents, fx.tables, { conflictRetry: retry });
    const reservation = holdReservation();

    await store.commit([store.createWrite(reservation)], { clientRequestToken: reservation.reservationId });

    expect(faulty.attempts()).toBe(3);
    expect(await fx.reservations.get(reservation.reservationId)).toEqual(reservation);
    faulty.destroy();
  });

  it('gives up after the retry budget with a retryable error, having written nothing', async () => {
    const faulty = clientFailingTransactions(3, 'TransactionConflict');
    const store = new ReservationStore(faulty.documents, fx.tables, { conflictRetry: retry });
    const reservation = holdReservation();

    const error = await rejectionOf(store.commit([store.createWrite(reservation)]));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, reason: 'transaction-conflict' });
    expect(error.message).not.toMatch(/Transaction cancelled|Exception/);
    expect(faulty.attempts()).toBe(3);
    expect(await fx.reservations.get(reservation.reservationId)).toBeUndefined();
    faulty.destroy();
  });

  it('reports throttling as retryable without hammering DynamoDB again itself', async () => {
    const faulty = clientFailingTransactions(1, 'ThrottlingError');
    const store = new ReservationStore(faulty.documents, fx.tables, { conflictRetry: retry });

    const error = await rejectionOf(store.commit([store.createWrite(holdReservation())]));

    expect(error).toMatchObject({ name: 'StoreUnavailableError', code: 'UPSTREAM_UNAVAILABLE', retryable: true, reason: 'throttled' });
    expect(faulty.attempts()).toBe(1);
    faulty.destroy();
  });
});
