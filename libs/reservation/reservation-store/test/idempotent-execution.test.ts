import { TicketingError } from '@ticketing/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdempotently, type IdempotentOutcome, type StoredResponse } from '../src';
import { holdReservation, type ReservationFixture, rejectionOf, reservationFixture, uniqueId } from './support/fixtures';

/**
 * The idempotency engine over the real store on DynamoDB Local, with an adapter as plain as a test
 * can make it: a NOT_FOUND refusal is final (stored), anything else is not.
 */
describe('runIdempotently', () => {
  let fx: ReservationFixture;
  beforeAll(async () => {
    fx = await reservationFixture();
  });
  afterAll(() => fx.cleanup());

  const adapter = {
    finalAnswerOf: (error: unknown): StoredResponse | undefined =>
      error instanceof TicketingError && error.code === 'NOT_FOUND' ? { statusCode: 404, body: { refused: error.message } } : undefined,
  };
  const request = () => ({ userId: 'user_engine', key: uniqueId('key'), requestHash: 'h1', now: new Date() });
  const creation = (): IdempotentOutcome => {
    const reservation = holdReservation({ userId: 'user_engine' });
    return { statusCode: 201, body: { reservation_id: reservation.reservationId }, writes: [fx.reservations.createWrite(reservation)] };
  };

  it('runs the work once and replays its answer to the same request', async () => {
    const asked = request();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return creation();
    };
    const first = await runIdempotently(fx, asked, work, adapter);
    const again = await runIdempotently(fx, { ...asked, now: new Date() }, work, adapter);
    expect(runs).toBe(1);
    expect(first).toMatchObject({ statusCode: 201, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    const id = (first.body as { reservation_id: string }).reservation_id;
    expect((await fx.reservations.get(id))?.reservationId).toBe(id);
  });

  it('refuses the same key for another request as IDEMPOTENCY_CONFLICT, running nothing', async () => {
    const asked = request();
    await runIdempotently(fx, asked, async () => creation(), adapter);
    let ran = false;
    const error = await rejectionOf(
      runIdempotently(fx, { ...asked, requestHash: 'h2' }, async () => ((ran = true), creation()), adapter),
    );
    expect(error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(ran).toBe(false);
  });

  it('stores a final refusal as the answer, and releases the key after one a retry may change', async () => {
    const refused = request();
    const notFound = new TicketingError('NOT_FOUND', 'no such thing');
    await expect(runIdempotently(fx, refused, async () => Promise.reject(notFound), adapter)).rejects.toBe(notFound);
    expect(await runIdempotently(fx, refused, async () => creation(), adapter)).toEqual({
      statusCode: 404,
      body: { refused: 'no such thing' },
      replayed: true,
    });

    const unavailable = request();
    await expect(runIdempotently(fx, unavailable, async () => Promise.reject(new Error('outage')), adapter)).rejects.toThrow('outage');
    expect(await runIdempotently(fx, unavailable, async () => creation(), adapter)).toMatchObject({ statusCode: 201, replayed: false });
  });

  it('compensates and releases the key when the transaction fails, so a retry runs again', async () => {
    const asked = request();
    const reservation = holdReservation({ userId: 'user_engine' });
    await fx.reservations.commit([fx.reservations.createWrite(reservation)]);
    let compensated = 0;
    const duplicate = async (): Promise<IdempotentOutcome> => ({
      statusCode: 201,
      body: {},
      writes: [fx.reservations.createWrite(reservation)],
      compensate: async () => void (compensated += 1),
    });
    await expect(runIdempotently(fx, asked, duplicate, adapter)).rejects.toBeDefined();
    expect(compensated).toBe(1);
    expect(await runIdempotently(fx, asked, async () => creation(), adapter)).toMatchObject({ statusCode: 201, replayed: false });
  });
});
