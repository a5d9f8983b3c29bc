import { randomUUID } from 'node:crypto';
import { HoldStatus, SeatStatus } from '@ticketing/inventory-contract';
import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

const eventId = 'evt_expiry_e2e';
/** Stands for the reservation worker in `post`: its service-account token, on the internal listener. */
const worker = 'reservation-worker';

/** Holds that run out: the inventory's default hold lasts 1.5 s here. */
describe('reservation expiry end to end', () => {
  let stack: ReservationStack;
  beforeAll(async () => {
    stack = await startReservationStack({
      eventId,
      sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 10, priceMinor: 2_000 }],
      inventoryEnv: { HOLD_MIN_TTL_MS: '1000', HOLD_DEFAULT_TTL_MS: '1500' },
    });
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ api: 0, inventory: 0 });
  });

  /** `sub` is a user, or {@link worker}. */
  const headers = (sub: string) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${sub === worker ? stack.serviceToken() : stack.token(sub)}`,
    'idempotency-key': randomUUID(),
  });
  const post = async (path: string, body: unknown, sub: string) => {
    const base = sub === worker ? stack.internalBase : stack.base;
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: headers(sub), body: JSON.stringify(body) });
    return {
      status: response.status,
      body: (await response.json()) as { status?: string; reservation_id: string; order_id?: string; error?: { code: string; message: string } },
    };
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
    const expired = await post(`/internal/v1/reservations/${id}/expire`, {}, worker);
    expect(expired).toMatchObject({ status: 200, body: { status: 'EXPIRED' } });

    const report = { payment_intent_id: 'pi_late', status: 'APPROVED', amount: { amount: 2_000, currency: 'EUR' } };
    // Asked not to refund yet (the worker first tries to re-acquire the seats): 409, nothing changes.
    const held = await post(`/internal/v1/reservations/${id}/payment`, { ...report, refund_if_seats_gone: false }, worker);
    expect(held).toMatchObject({ status: 409, body: { error: { code: 'RESERVATION_EXPIRED' } } });
    const late = await post(`/internal/v1/reservations/${id}/payment`, report, worker);
    expect(late).toMatchObject({ status: 200, body: { status: 'REFUND_REQUIRED' } });
  });

  describe('a late payment with a re-acquired hold (the worker took the same seats again)', () => {
    const asWorker = (path: string, body: unknown) => post(path, body, worker);
    const internalView = async (id: string) => {
      const headers = { authorization: `Bearer ${stack.serviceToken()}` };
      return (await (await fetch(`${stack.internalBase}/internal/v1/reservations/${id}`, { headers })).json()) as Record<string, unknown>;
    };
    const approved = (id: string, intent: string, reacquiredHoldId: string) =>
      asWorker(`/internal/v1/reservations/${id}/payment`, {
        payment_intent_id: intent,
        status: 'APPROVED',
        amount: { amount: 4_000, currency: 'EUR' },
        reacquired_hold_id: reacquiredHoldId,
      });
    /** A reservation whose hold ran out and that the worker expired: its seats are free again. */
    const expiredAndReleased = async (sub: string, seatIds: string[]) => {
      const created = await post('/v1/reservations', { event_id: eventId, seat_ids: seatIds }, sub);
      expect(created.status).toBe(201);
      const id = created.body.reservation_id;
      await waitFor(async () => (await internalView(id))['status'] === 'EXPIRED', { description: 'the hold to expire', timeoutMs: 15_000 });
      expect(await asWorker(`/internal/v1/reservations/${id}/expire`, {})).toMatchObject({ status: 200, body: { status: 'EXPIRED' } });
      return id;
    };
    /** What the worker does: hold the seats again in the inventory, as `userId`, under a new hold id. */
    const holdAgain = async (holdId: string, userId: string, seatIds: string[], ttlSeconds = 60) => {
      const { hold } = await stack.inventoryRpc.holdSeats({
        holdId,
        eventId,
        userId,
        selection: { $case: 'seatIds', value: { seatIds } },
        ttl: { seconds: ttlSeconds, nanos: 0 },
      });
      expect(hold?.status).toBe(HoldStatus.ACTIVE);
      return holdId;
    };
    const seatStatuses = async (seatIds: string[]) => {
      const { seats } = await stack.inventoryRpc.getSeatMap({ eventId, sectionId: undefined });
      return seatIds.map((seatId) => seats.find((seat) => seat.seatId === seatId)?.status);
    };

    it('confirms the reservation by committing the re-acquired hold: order, CONFIRMED, seats SOLD', async () => {
      const id = await expiredAndReleased('nia', ['A-A3', 'A-A4']);
      const holdId = await holdAgain(`${id}-r1`, 'nia', ['A-A4', 'A-A3']);

      const paid = await approved(id, 'pi_nia', holdId);

      expect(paid).toMatchObject({ status: 200, body: { reservation_id: id, status: 'CONFIRMED', order_id: expect.stringMatching(/^ord_/) } });
      expect(await internalView(id)).toEqual({ ...paid.body, user_id: 'nia' });
      const { hold } = await stack.inventoryRpc.getHold({ holdId, userId: 'nia' });
      expect(hold).toMatchObject({ status: HoldStatus.COMMITTED, paymentReference: 'pi_nia' });
      expect(await seatStatuses(['A-A3', 'A-A4'])).toEqual([SeatStatus.SOLD, SeatStatus.SOLD]);

      // A redelivered approval (new key) only records the payment: the order stays the one it was.
      const again = await approved(id, 'pi_nia', holdId);
      expect(again).toMatchObject({ status: 200, body: { status: 'CONFIRMED', order_id: paid.body.order_id } });
    });

    it('refuses a re-acquired hold on other seats and changes nothing', async () => {
      const id = await expiredAndReleased('omar', ['A-A5', 'A-A6']);
      const before = await internalView(id);
      const holdId = await holdAgain(`${id}-r1`, 'omar', ['A-A5', 'A-A7']);

      const paid = await approved(id, 'pi_omar', holdId);

      expect(paid).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
      expect(paid.body.error?.message).toMatch(/^reacquired_hold_id: .*holds seats A-A5, A-A7, not exactly the reservation's seats A-A5, A-A6/);
      expect(await internalView(id)).toEqual(before);
      expect((await stack.inventoryRpc.getHold({ holdId, userId: 'omar' })).hold?.status).toBe(HoldStatus.ACTIVE);
      expect(await seatStatuses(['A-A5', 'A-A6', 'A-A7'])).toEqual([SeatStatus.HELD, SeatStatus.AVAILABLE, SeatStatus.HELD]);
    });

    it("refuses another user's hold on the very seats, and leaves that hold alone", async () => {
      const id = await expiredAndReleased('pia', ['A-A8']);
      const before = await internalView(id);
      const theirs = await holdAgain(`hold_rex_${randomUUID().slice(0, 8)}`, 'rex', ['A-A8']);

      const paid = await approved(id, 'pi_pia', theirs);

      expect(paid).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
      expect(paid.body.error?.message).toMatch(/^reacquired_hold_id: no hold .* of the reservation's user/);
      expect(await internalView(id)).toEqual(before);
      expect((await stack.inventoryRpc.getHold({ holdId: theirs, userId: 'rex' })).hold?.status).toBe(HoldStatus.ACTIVE);
      expect(await seatStatuses(['A-A8'])).toEqual([SeatStatus.HELD]);
    });

    it('turns the payment into REFUND_REQUIRED when the re-acquired hold ran out as well', async () => {
      const id = await expiredAndReleased('sam', ['A-A9']);
      const holdId = await holdAgain(`${id}-r1`, 'sam', ['A-A9'], 1);
      await waitFor(async () => (await stack.inventoryRpc.getHold({ holdId, userId: 'sam' })).hold?.status === HoldStatus.EXPIRED, {
        description: 'the re-acquired hold to expire',
        timeoutMs: 15_000,
      });

      const paid = await approved(id, 'pi_sam', holdId);

      expect(paid).toMatchObject({ status: 200, body: { status: 'REFUND_REQUIRED' } });
      expect(paid.body.order_id).toBeUndefined();
      expect(await seatStatuses(['A-A9'])).toEqual([SeatStatus.AVAILABLE]);
    });
  });
});
