import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

/*
 * The on-sale path through the API (the inventory and the API as processes, DynamoDB Local,
 * Redis): most buyers lose, and a loss must cost no DynamoDB call — no Idempotency-Key claim, no
 * live-holds query, no claim release. Idempotency-Keys are claimed in Redis (the default), and the
 * outbox relay is off so that every DynamoDB call the API counts belongs to a request.
 */
const eventId = 'evt_refused';

describe('POST /v1/reservations refused by the inventory', () => {
  let stack: ReservationStack;

  beforeAll(async () => {
    stack = await startReservationStack({
      eventId,
      sections: [{ sectionId: 'A', rows: 2, seatsPerRow: 10, priceMinor: 5_000 }],
      apiEnv: { OUTBOX_RELAY_ENABLED: 'false' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const reserve = (sub: string, body: Record<string, unknown>, key = randomUUID()) =>
    fetch(`${stack.base}/v1/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token(sub)}`, 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: eventId, ...body }),
    });
  const dynamodbCalls = async () => {
    const text = await (await fetch(`${stack.base}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('reservation_api_dynamodb_calls_total{'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  };
  const codeOf = async (response: Response) => ((await response.json()) as { error?: { code?: string } }).error?.code;

  it('answers 409 INVENTORY_CONFLICT to every buyer of taken seats without one DynamoDB call, and stores nothing', async () => {
    expect((await reserve('winner', { seat_ids: ['A-A1', 'A-A2'] })).status).toBe(201);
    const recordsBefore = (await stack.storedItems('idempotency-records')).length;
    const callsBefore = await dynamodbCalls();

    const losers = await Promise.all(Array.from({ length: 20 }, (_, index) => reserve(`loser-${index}`, { seat_ids: ['A-A2', 'A-A3'] })));

    expect(losers.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 409));
    expect(new Set(await Promise.all(losers.map(codeOf)))).toEqual(new Set(['INVENTORY_CONFLICT']));
    expect((await dynamodbCalls()) - callsBefore).toBe(0);
    expect((await stack.storedItems('idempotency-records')).length).toBe(recordsBefore);
  });

  it('lets a refused buyer retry with the same Idempotency-Key once the seats are free (a 409 is not stored)', async () => {
    const holder = await reserve('holder', { seat_ids: ['A-A5'] });
    expect(holder.status).toBe(201);
    const { reservation_id: held } = (await holder.json()) as { reservation_id: string };
    const key = randomUUID();
    expect((await reserve('latecomer', { seat_ids: ['A-A5'] }, key)).status).toBe(409);

    const cancel = await fetch(`${stack.base}/v1/reservations/${held}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token('holder')}`, 'idempotency-key': randomUUID() },
    });
    expect(cancel.status).toBe(200);
    expect((await reserve('latecomer', { seat_ids: ['A-A5'] }, key)).status).toBe(201);
  });

  it('still replays the stored answer to the same request', async () => {
    const key = randomUUID();
    const first = await reserve('replayer', { seat_ids: ['A-A9'] }, key);
    expect(first.status).toBe(201);
    const again = await reserve('replayer', { seat_ids: ['A-A9'] }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await codeOf(await reserve('replayer', { seat_ids: ['A-A10'] }, key))).toBe('IDEMPOTENCY_CONFLICT');
  });
  it('takes allow_split only with qty, and refuses it elsewhere with a 400 naming it', async () => {
    const misplaced = await reserve('splitter', { seat_ids: ['A-B9'], allow_split: true });
    expect(misplaced.status).toBe(400);
    const { error } = (await misplaced.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('allow_split');
  });

  it('seats every best-available buyer while seats are free, then refuses the rest, with no 5xx', async () => {
    // 20 seats; taken so far: A-A1 and A-A2 (winner), A-A5 (latecomer), A-A9 (replayer).
    const free = 20 - 4;
    const buyers = free + 8;

    const answers = await Promise.all(Array.from({ length: buyers }, (_, index) => reserve(`crowd-${index}`, { qty: 1, section_id: 'A' })));

    const statuses = answers.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(free);
    const refusals = await Promise.all(answers.filter((response) => response.status !== 201).map(codeOf));
    expect(refusals).toEqual(Array.from({ length: buyers - free }, () => 'INVENTORY_CONFLICT'));
  });
});
