import { randomUUID } from 'node:crypto';
import { reservationApiMetricDefinitions } from '@ticketing/reservation-api-config';
import { platformServiceAccounts } from '@ticketing/service-identity';
import { definedMetricFamilies, servedMetricFamilies, waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

const eventId = 'evt_e2e';

/** The reservation API and a real inventory, both as processes, on fresh tables; a real JWKS issuer. */
describe('reservation API end to end', () => {
  let stack: ReservationStack;
  let base: string;
  let issuer: ReservationStack['issuer'];

  beforeAll(async () => {
    stack = await startReservationStack({ eventId, sections: [{ sectionId: 'A', rows: 3, seatsPerRow: 10, priceMinor: 5_000 }] });
    ({ base, issuer } = stack);
  });

  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ api: 0, inventory: 0 });
  });

  const token = (sub: string) => issuer.mint({ claims: { sub } });
  /** The worker's endpoints are served on the internal listener only. */
  const baseFor = (path: string) => (path.startsWith('/internal/') ? stack.internalBase : base);
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${baseFor(path)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const asUser = (sub: string, key = randomUUID()) => ({ authorization: `Bearer ${token(sub)}`, 'idempotency-key': key });

  it('is ready once DynamoDB and the inventory answer, and publishes its OpenAPI document', async () => {
    expect(await (await fetch(`${base}/ready`)).json()).toMatchObject({ status: 'ready', checks: { dynamodb: 'ok', inventory: 'ok' } });
    const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/reservations', '/v1/reservations/{id}', '/v1/reservations/{id}/cancel', '/v1/events/{event_id}/seats']),
    );
    expect(Object.keys(openapi.paths).filter((path) => path.startsWith('/internal'))).toEqual([]);
  });

  it('holds seats as a reservation, replays the same Idempotency-Key, and shows it only to its owner', async () => {
    const headers = asUser('alice');
    const created = await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-A1', 'A-A2'] }, headers);
    expect(created.status).toBe(201);
    const reservation = (await created.json()) as { reservation_id: string; status: string; total: unknown; seats: unknown[] };
    expect(reservation).toMatchObject({ status: 'HOLD', total: { amount: 10_000, currency: 'EUR' } });
    expect(reservation.seats).toHaveLength(2);

    const replay = await post('/v1/reservations', { seat_ids: ['A-A1', 'A-A2'], event_id: eventId }, headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(reservation);

    const conflict = await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-A3'] }, headers);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_CONFLICT');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/reservation_api_idempotency_total\{[^}]*result="replayed"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/reservation_api_reservations_total\{[^}]*operation="create"[^}]*outcome="IDEMPOTENCY_CONFLICT"/);
    // What it serves besides the process metrics is exactly what docs/reference/metrics.md lists.
    expect(await servedMetricFamilies(metrics)).toEqual(definedMetricFamilies(reservationApiMetricDefinitions));

    const mine = await fetch(`${base}/v1/reservations/${reservation.reservation_id}`, { headers: { authorization: `Bearer ${token('alice')}` } });
    expect(await mine.json()).toEqual(reservation);
    const theirs = await fetch(`${base}/v1/reservations/${reservation.reservation_id}`, { headers: { authorization: `Bearer ${token('mallory')}` } });
    expect(theirs.status).toBe(404);

    const list = (await (await fetch(`${base}/v1/reservations?limit=5`, { headers: { authorization: `Bearer ${token('alice')}` } })).json()) as {
      items: { reservation_id: string }[];
    };
    expect(list.items.map((item) => item.reservation_id)).toContain(reservation.reservation_id);
  });

  it('keeps one user from replaying or hijacking another user\'s Idempotency-Key', async () => {
    const key = randomUUID();
    const alice = await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-B1'] }, asUser('alice', key));
    expect(alice.status).toBe(201);
    const bob = await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-B2'] }, asUser('bob', key));
    expect(bob.status).toBe(201);
    expect(((await bob.json()) as { seats: { seat_id: string }[] }).seats[0]!.seat_id).toBe('A-B2');
  });

  it('answers taken seats with INVENTORY_CONFLICT and cancels a hold, giving its seats back', async () => {
    const created = (await (await post('/v1/reservations', { event_id: eventId, qty: 2 }, asUser('carol'))).json()) as {
      reservation_id: string;
      seats: { seat_id: string }[];
    };
    const seatIds = created.seats.map((seat) => seat.seat_id);
    const taken = await post('/v1/reservations', { event_id: eventId, seat_ids: seatIds }, asUser('dave'));
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe('INVENTORY_CONFLICT');

    const othersCancel = await post(`/v1/reservations/${created.reservation_id}/cancel`, {}, asUser('dave'));
    expect(othersCancel.status).toBe(404);
    const cancelled = await post(`/v1/reservations/${created.reservation_id}/cancel`, {}, asUser('carol'));
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { status: string }).status).toBe('CANCELLED');

    // The API reuses a seat map for up to a second: poll, as a client refreshing the map would.
    await waitFor(
      async () => {
        const seats = (await (
          await fetch(`${base}/v1/events/${eventId}/seats`, { headers: { authorization: `Bearer ${token('dave')}` } })
        ).json()) as { seats: { seat_id: string; status: string }[] };
        return seats.seats.filter((seat) => seatIds.includes(seat.seat_id)).every((seat) => seat.status === 'AVAILABLE');
      },
      { description: 'the cancelled seats to show as available', timeoutMs: 10_000 },
    );
    expect((await post('/v1/reservations', { event_id: eventId, seat_ids: seatIds }, asUser('dave'))).status).toBe(201);
  });

  it.each([
    ['no token', { 'idempotency-key': 'k1' }, { event_id: eventId, seat_ids: ['A-B9'] }, 401, 'UNAUTHENTICATED'],
    ['a malformed token', { authorization: 'Bearer x', 'idempotency-key': 'k2' }, { event_id: eventId, seat_ids: ['A-B9'] }, 401, 'UNAUTHENTICATED'],
    ['an unknown field', 'user', { event_id: eventId, seat_ids: ['A-B9'], admin: true }, 400, 'VALIDATION_FAILED'],
    ['a wrong type', 'user', { event_id: eventId, qty: '2' }, 400, 'VALIDATION_FAILED'],
    ['1,000 seat ids', 'user', { event_id: eventId, seat_ids: Array.from({ length: 1_000 }, (_, i) => `S-${i}`) }, 400, 'VALIDATION_FAILED'],
    ['a 100 KB body', 'user', { event_id: eventId, seat_ids: ['A-B9'], reservation_token: 'x'.repeat(100_000) }, 400, 'VALIDATION_FAILED'],
    ['seat_ids and qty together', 'user', { event_id: eventId, seat_ids: ['A-B9'], qty: 1 }, 400, 'VALIDATION_FAILED'],
    ['an unknown event', 'user', { event_id: 'evt_nope', seat_ids: ['A-B9'] }, 404, 'EVENT_NOT_FOUND'],
    ['a seat the event does not have', 'user', { event_id: eventId, seat_ids: ['A-B9', 'Z-Z99'] }, 404, 'SEAT_NOT_FOUND'],
    ['a section the event does not have', 'user', { event_id: eventId, qty: 1, section_id: 'Z' }, 404, 'SECTION_NOT_FOUND'],
  ])('refuses a reservation with %s and holds nothing', async (_case, headers, body, status, code) => {
    const response = await post('/v1/reservations', body, headers === 'user' ? asUser('erin') : (headers as Record<string, string>));
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    const seats = (await (
      await fetch(`${base}/v1/events/${eventId}/seats`, { headers: { authorization: `Bearer ${token('erin')}` } })
    ).json()) as { seats: { seat_id: string; status: string }[] };
    expect(seats.seats.find((seat) => seat.seat_id === 'A-B9')?.status).toBe('AVAILABLE');
  });

  it('stops one user from hoarding: at most MAX_ACTIVE_HOLDS_PER_USER_PER_EVENT live holds per event', async () => {
    expect((await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-A10'] }, asUser('judy'))).status).toBe(201);
    expect((await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-B10'] }, asUser('judy'))).status).toBe(201);
    const third = await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-A9'] }, asUser('judy'));
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_HOLDS');
  });

  it('answers 405 with Allow for a method a known path does not take, 404 for an unknown path', async () => {
    const headers = { authorization: `Bearer ${token('erin')}` };
    for (const method of ['PUT', 'DELETE', 'PATCH', 'QUERY']) {
      const response = await fetch(`${base}/v1/reservations/rsv_01JD3K8ZQ4X5M7N9P2R6T8V0W1`, { method, headers });
      expect({ method, status: response.status }).toEqual({ method, status: 405 });
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    const unknown = await fetch(`${base}/v1/nothing-here`, { method: 'PUT', headers });
    expect(unknown.status).toBe(404);
  });

  it('takes any cursor of the documented form as a position in my own reservations, and refuses others', async () => {
    const headers = { authorization: `Bearer ${token('alice')}` };
    const madeUp = await fetch(`${base}/v1/reservations?cursor=zzzzzzzz`, { headers });
    expect(madeUp.status).toBe(200);
    expect(((await madeUp.json()) as { items: { reservation_id: string }[] }).items.every((item) => item.reservation_id.startsWith('rsv_'))).toBe(true);
    const malformed = await fetch(`${base}/v1/reservations?cursor=${encodeURIComponent('not a cursor!')}`, { headers });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('requires an Idempotency-Key on every POST', async () => {
    const response = await post('/v1/reservations', { event_id: eventId, seat_ids: ['A-B8'] }, { authorization: `Bearer ${token('erin')}` });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_REQUIRED');
  });

  it('refuses bad JSON with a clear error', async () => {
    const response = await fetch(`${base}/v1/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asUser('erin') },
      body: '{"event_id": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('gives 20 concurrent identical POSTs one reservation and one answer', async () => {
    const headers = asUser('frank');
    const body = { event_id: eventId, seat_ids: ['A-B5', 'A-B6'] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/v1/reservations', body, headers)));
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    const bodies = await Promise.all(created.map((answer) => answer.json()));
    for (const each of bodies) expect(each).toEqual(bodies[0]);
    const retry = await post('/v1/reservations', body, headers);
    expect(await retry.json()).toEqual(bodies[0]);
    const list = (await (await fetch(`${base}/v1/reservations?limit=100`, { headers: { authorization: `Bearer ${token('frank')}` } })).json()) as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(1);
  });

  describe('settlement (confirm, payments from the worker, expiry)', () => {
    const worker = () => ({
      authorization: `Bearer ${stack.serviceToken()}`,
      'idempotency-key': randomUUID(),
    });
    const reserve = async (sub: string, seatIds: string[]) =>
      (await (await post('/v1/reservations', { event_id: eventId, seat_ids: seatIds }, asUser(sub))).json()) as {
        reservation_id: string;
        total: { amount: number; currency: string };
      };
    const report = (id: string, status: 'APPROVED' | 'FAILED', intent: string, headers: Record<string, string> = worker()) =>
      post(`/internal/v1/reservations/${id}/payment`, { payment_intent_id: intent, status, amount: { amount: 5_000, currency: 'EUR' } }, headers);
    // The API reuses a seat map for up to a second: wait for the expected status instead of reading once.
    const seatStatus = async (seatId: string, expected: string) => {
      let last: string | undefined;
      await waitFor(
        async () => {
          const map = (await (await fetch(`${base}/v1/events/${eventId}/seats`, { headers: { authorization: `Bearer ${token('x')}` } })).json()) as {
            seats: { seat_id: string; status: string }[];
          };
          last = map.seats.find((seat) => seat.seat_id === seatId)?.status;
          return last === expected;
        },
        { description: `seat ${seatId} to show ${expected}`, timeoutMs: 10_000 },
      ).catch(() => undefined);
      return last;
    };

    it('confirms only after the worker recorded an approved payment, and sells the seats', async () => {
      const reservation = await reserve('gina', ['A-B3']);
      const early = await post(`/v1/reservations/${reservation.reservation_id}/confirm`, { payment_intent_id: 'pi_1' }, asUser('gina'));
      expect(early.status).toBe(412);
      expect(((await early.json()) as { error: { code: string } }).error.code).toBe('PAYMENT_NOT_APPROVED');

      const approved = await report(reservation.reservation_id, 'APPROVED', 'pi_1');
      expect(approved.status).toBe(200);
      const confirmed = (await approved.json()) as { status: string; order_id?: string };
      expect(confirmed.status).toBe('CONFIRMED');
      expect(confirmed.order_id).toMatch(/^ord_/);
      expect(await seatStatus('A-B3', 'SOLD')).toBe('SOLD');

      const again = await post(`/v1/reservations/${reservation.reservation_id}/confirm`, { payment_intent_id: 'pi_1' }, asUser('gina'));
      expect(again.status).toBe(200);
      expect(((await again.json()) as { status: string }).status).toBe('CONFIRMED');
      const stranger = await post(`/v1/reservations/${reservation.reservation_id}/confirm`, { payment_intent_id: 'pi_1' }, asUser('mallory'));
      expect(stranger.status).toBe(404);
    });

    it('cancels a held reservation whose payment failed, and refunds a payment for a cancelled one', async () => {
      const reservation = await reserve('hank', ['A-B4']);
      const failed = await report(reservation.reservation_id, 'FAILED', 'pi_2');
      expect(((await failed.json()) as { status: string }).status).toBe('CANCELLED');
      expect(await seatStatus('A-B4', 'AVAILABLE')).toBe('AVAILABLE');

      const late = await report(reservation.reservation_id, 'APPROVED', 'pi_3');
      expect(((await late.json()) as { status: string }).status).toBe('REFUND_REQUIRED');
      // A later failure report does not replace the payment that is to be refunded.
      expect(((await (await report(reservation.reservation_id, 'FAILED', 'pi_3b')).json()) as { status: string }).status).toBe('REFUND_REQUIRED');
      const refunds = (await stack.outboxEventsOf(reservation.reservation_id)).filter((event) => event.detailType === 'reservation.refund_required');
      expect(refunds.map((event) => event.detail['payment'])).toEqual([
        { payment_intent_id: 'pi_3', status: 'APPROVED', amount: { amount: 5_000, currency: 'EUR' } },
      ]);
    });

    it('keeps the approved payment of a confirmed reservation, and refunds a second charge exactly once', async () => {
      const reservation = await reserve('nora', ['A-C3']);
      const id = reservation.reservation_id;
      expect(((await (await report(id, 'APPROVED', 'pi_paid')).json()) as { status: string }).status).toBe('CONFIRMED');

      // A late failure of an earlier attempt, then a second approval (the customer paid twice), reported twice.
      for (const [status, intent] of [['FAILED', 'pi_attempt'], ['APPROVED', 'pi_twice'], ['APPROVED', 'pi_twice'], ['APPROVED', 'pi_paid']] as const) {
        const answer = await report(id, status, intent);
        expect(answer.status, `${status} ${intent}`).toBe(200);
        expect(((await answer.json()) as { status: string }).status, `${status} ${intent}`).toBe('CONFIRMED');
      }

      // The payment that paid for the order is still the recorded one: the user's confirm with it is answered as confirmed.
      const confirm = await post(`/v1/reservations/${id}/confirm`, { payment_intent_id: 'pi_paid' }, asUser('nora'));
      expect(confirm.status).toBe(200);
      expect(((await post(`/v1/reservations/${id}/confirm`, { payment_intent_id: 'pi_twice' }, asUser('nora'))).status)).toBe(412);
      const events = await stack.outboxEventsOf(id);
      expect(events.map((event) => event.detailType).sort()).toEqual([
        'reservation.confirmed',
        'reservation.expired',
        'reservation.hold.created',
        'reservation.refund_required',
      ]);
      const [confirmed, refund] = ['reservation.confirmed', 'reservation.refund_required'].map(
        (type) => events.find((event) => event.detailType === type)?.detail,
      );
      expect(confirmed).toMatchObject({ status: 'CONFIRMED', payment: { payment_intent_id: 'pi_paid', status: 'APPROVED' } });
      expect(refund).toMatchObject({
        status: 'CONFIRMED',
        order_id: confirmed?.['order_id'],
        payment: { payment_intent_id: 'pi_twice', status: 'APPROVED', amount: { amount: 5_000, currency: 'EUR' } },
      });
      expect(await seatStatus('A-C3', 'SOLD')).toBe('SOLD');
    });

    it("shows the worker any reservation as its owner sees it, plus the owner's user_id; users and strangers get nothing", async () => {
      const reservation = await reserve('kate', ['A-C1']);
      const read = (id: string, headers: Record<string, string>, listener = stack.internalBase) =>
        fetch(`${listener}/internal/v1/reservations/${id}`, { headers });
      const { authorization } = worker();
      const owners = await (await fetch(`${base}/v1/reservations/${reservation.reservation_id}`, { headers: { authorization: `Bearer ${token('kate')}` } })).json();

      const seen = await read(reservation.reservation_id, { authorization });
      expect(seen.status).toBe(200);
      expect(await seen.json()).toEqual({ ...(owners as object), user_id: 'kate' });

      // A user's token is for another audience; another service's token is not the worker's.
      const asUser = await read(reservation.reservation_id, { authorization: `Bearer ${token('kate')}` });
      expect(asUser.status).toBe(401);
      expect(await asUser.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const asApi = await read(reservation.reservation_id, { authorization: `Bearer ${stack.serviceToken(platformServiceAccounts.reservationApi)}` });
      expect(asApi.status).toBe(403);
      expect(await asApi.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      const onPublicListener = await read(reservation.reservation_id, { authorization }, base);
      expect(onPublicListener.status).toBe(404);
      const anonymous = await read(reservation.reservation_id, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const unknown = await read('rsv_01ARZ3NDEKTSV4RRFFQ69G5FAV', { authorization });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({
        error: { code: 'NOT_FOUND', message: expect.stringContaining('rsv_01ARZ3NDEKTSV4RRFFQ69G5FAV'), trace_id: expect.any(String) },
      });

      const openapi = (await (await fetch(`${stack.internalBase}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown; responses?: Record<string, unknown> }>>;
      };
      const operation = openapi.paths['/internal/v1/reservations/{id}']?.['get'];
      expect(operation?.tags).toEqual(['internal']);
      expect(JSON.stringify(operation?.responses?.['200'])).toContain('"user_id"');
      expect(JSON.stringify(openapi.paths['/internal/v1/reservations/{id}/payment']?.['post']?.requestBody)).toContain('"reacquired_hold_id"');
    });

    it('refuses a re-acquired hold with a FAILED payment, naming the field, and leaves the reservation held', async () => {
      const reservation = await reserve('liam', ['A-C2']);
      const failed = await post(
        `/internal/v1/reservations/${reservation.reservation_id}/payment`,
        { payment_intent_id: 'pi_5', status: 'FAILED', amount: { amount: 5_000, currency: 'EUR' }, reacquired_hold_id: 'hold_again_1' },
        worker(),
      );
      expect(failed.status).toBe(400);
      expect(await failed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^reacquired_hold_id/) } });
      const badId = await post(
        `/internal/v1/reservations/${reservation.reservation_id}/payment`,
        { payment_intent_id: 'pi_5', status: 'APPROVED', amount: { amount: 5_000, currency: 'EUR' }, reacquired_hold_id: 'not a hold id' },
        worker(),
      );
      expect(badId.status).toBe(400);
      expect(await badId.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^reacquired_hold_id/) } });

      const mine = await fetch(`${base}/v1/reservations/${reservation.reservation_id}`, { headers: { authorization: `Bearer ${token('liam')}` } });
      expect(await mine.json()).toMatchObject({ status: 'HOLD' });
      expect(await seatStatus('A-C2', 'HELD')).toBe('HELD');
    });

    it('keeps users out of the internal endpoints and leaves a live hold alone on an early expiry', async () => {
      const reservation = await reserve('ivy', ['A-B7']);
      expect((await report(reservation.reservation_id, 'APPROVED', 'pi_4', asUser('ivy'))).status).toBe(401);
      expect((await report(reservation.reservation_id, 'APPROVED', 'pi_4', { 'idempotency-key': randomUUID() })).status).toBe(401);
      const early = await post(`/internal/v1/reservations/${reservation.reservation_id}/expire`, {}, worker());
      expect(early.status).toBe(200);
      expect(((await early.json()) as { status: string }).status).toBe('HOLD');
      expect(await seatStatus('A-B7', 'HELD')).toBe('HELD');
    });
  });
});
