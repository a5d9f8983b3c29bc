import { randomUUID } from 'node:crypto';
import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

const eventId = 'evt_expiry_e2e';

/** Holds that run out: the inventory's default hold lasts 1.5 s here. */
describe('reservation expiry end to end', () => {
  let stack: ReservationStack;
  beforeAll(async () => {
    stack = await startReservationStack({
      eventId,
      sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 6, priceMinor: 2_000 }],
      inventoryEnv: { HOLD_MIN_TTL_MS: '1000', HOLD_DEFAULT_TTL_MS: '1500' },
    });
  }, 120_000);
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ api: 0, inventory: 0 });
  });

  const headers = (sub: string, scope?: string) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${stack.token(sub, scope)}`,
    'idempotency-key': randomUUID(),
  });
  const post = async (path: string, body: unknown, sub: string, scope?: string) => {
    const response = await fetch(`${stack.base}${path}`, { method: 'POST', headers: headers(sub, scope), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { status?: string; reservation_id: string; error?: { code: string } } };
  };
  const expiredHold = async (sub: string, seatId: string) => {
    const created = await post('/v1/reservations', { event_id: eventId, seat_ids: [seatId] }, sub);
    expect(created.status).toBe(201);
    const id = created.body.reservation_id;
    await waitFor(
      async () => {
        const response = await fetch(`${stack.base}/v1/reservations/${id}`, { headers: { authorization: `Bearer ${stack.token(sub)}` } });
        return ((await response.json()) as { status: string }).status === 'EXPIRED';
      },
      { description: 'the hold to expire', timeoutMs: 15_000 },
    );
    return id;
  };

  it('answers RESERVATION_EXPIRED to cancel and confirm once the hold ran out, and lets someone else have the seat', async () => {
    const id = await expiredHold('kim', 'A-A1');
    const cancel = await post(`/v1/reservations/${id}/cancel`, {}, 'kim');
    expect(cancel).toMatchObject({ status: 409, body: { error: { code: 'RESERVATION_EXPIRED' } } });
    expect((await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-A1'] }, 'lee')).status).toBe(201);
  });

  it('lets the worker expire it (releasing the hold) and turns a late payment into REFUND_REQUIRED', async () => {
    const id = await expiredHold('max', 'A-A2');
    const expired = await post(`/internal/v1/reservations/${id}/expire`, {}, 'reservation-worker', 'reservations:internal');
    expect(expired).toMatchObject({ status: 200, body: { status: 'EXPIRED' } });

    const late = await post(
      `/internal/v1/reservations/${id}/payment`,
      { payment_intent_id: 'pi_late', status: 'APPROVED', amount: { amount: 2_000, currency: 'EUR' } },
      'reservation-worker',
      'reservations:internal',
    );
    expect(late).toMatchObject({ status: 200, body: { status: 'REFUND_REQUIRED' } });
  });
});
