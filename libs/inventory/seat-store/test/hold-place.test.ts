import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventLayout, SeatPlacement } from '@ticketing/inventory-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatsUnavailableError } from '../src';
import { activeHold, plus, uniqueId } from './support/fixtures';
import { type InventoryFixture, inventoryFixture, rejectionOf, retentionMs } from './support/inventory-fixture';

describe('HoldStore.placeHold', () => {
  let fx: InventoryFixture;
  let layout: EventLayout;
  let eventId: string;
  beforeAll(async () => {
    fx = await inventoryFixture();
    ({ layout } = await fx.createEvent());
    eventId = layout.eventId;
  });
  afterAll(() => fx.cleanup());

  const seatsOf = (seatIds: readonly string[]) => fx.seats.readSeats(eventId, layout.placementsOf(seatIds, 'seat_ids'));

  it('writes every seat and the hold record in one go', async () => {
    const now = new Date();
    const hold = activeHold(layout, ['A-1-1', 'A-1-2', 'B-2-5'], { userId: 'user_42', expiresAt: plus(now, 600_000) });

    expect(await fx.holds.placeHold({ hold, now })).toEqual({ outcome: 'placed', hold });

    const seats = await seatsOf(['A-1-1', 'A-1-2', 'B-2-5']);
    for (const seat of seats) {
      expect(seat).toMatchObject({ status: 'HELD', holdId: hold.holdId, heldBy: 'user_42', version: 2 });
      expect(seat.holdExpiresAt).toEqual(hold.expiresAt);
    }
    expect(await fx.holds.getHold(hold.holdId)).toEqual(hold);
    const raw = await fx.rawHold(hold.holdId);
    expect(raw).toMatchObject({ version: 1, gsi1sk: String(hold.expiresAt.getTime()).padStart(15, '0') });
    expect(raw?.['gsi1pk']).toMatch(/^ACTIVE#([0-9]|1[0-5])$/);
    expect(raw?.['expires_at_epoch']).toBe(Math.ceil((hold.expiresAt.getTime() + retentionMs) / 1000));
  });

  it('applies nothing when one seat is taken, and reports that seat with its current state', async () => {
    const now = new Date();
    const first = activeHold(layout, ['A-2-2'], { expiresAt: plus(now, 600_000) });
    await fx.holds.placeHold({ hold: first, now });
    const second = activeHold(layout, ['A-2-1', 'A-2-2', 'A-2-3'], { expiresAt: plus(now, 600_000) });

    const error = await rejectionOf(fx.holds.placeHold({ hold: second, now }));

    expect(error).toBeInstanceOf(SeatsUnavailableError);
    expect(error).toMatchObject({ code: 'INVENTORY_CONFLICT', details: { conflictingSeatIds: ['A-2-2'] } });
    expect((error as SeatsUnavailableError).conflictingSeats).toEqual([
      {
        eventId,
        seatId: 'A-2-2',
        sectionId: 'A',
        block: first.seats[0]?.block,
        status: 'HELD',
        version: 2,
        holdId: first.holdId,
        heldBy: 'user_1',
        holdExpiresAt: first.expiresAt,
      },
    ]);
    expect((await seatsOf(['A-2-1', 'A-2-3'])).map((s) => [s.status, s.version, s.holdId])).toEqual([
      ['AVAILABLE', 1, undefined],
      ['AVAILABLE', 1, undefined],
    ]);
    expect(await fx.holds.getHold(second.holdId)).toBeUndefined();
  });

  it('reports blocked and non-existent seats as unavailable too', async () => {
    const now = new Date();
    await fx.documents.send(
      new UpdateCommand({
        TableName: fx.tables.seatsTable,
        Key: { pk: `EVENT#${eventId}#SECTION#A#BLOCK#0`, sk: 'SEAT#A-1-10' },
        UpdateExpression: 'SET #status = :blocked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':blocked': 'BLOCKED' },
      }),
    );
    const ghost: SeatPlacement = { ...(layout.placementOf('A-1-9') as SeatPlacement), seatId: 'A-1-99' };
    const base = activeHold(layout, ['A-1-9', 'A-1-10'], { expiresAt: plus(now, 600_000) });
    const hold = { ...base, seats: [...base.seats, ghost] };

    const error = (await rejectionOf(fx.holds.placeHold({ hold, now }))) as SeatsUnavailableError;

    expect(error.details['conflictingSeatIds']).toEqual(['A-1-10', 'A-1-99']);
    expect(error.conflictingSeats.map((s) => [s.seatId, s.status])).toEqual([['A-1-10', 'BLOCKED']]);
    expect((await seatsOf(['A-1-9']))[0]).toMatchObject({ status: 'AVAILABLE', version: 1 });
  });

  it('takes a seat whose hold expired, without any sweeper (lazy expiry)', async () => {
    const now = new Date();
    const expired = activeHold(layout, ['A-3-1', 'A-3-2'], { expiresAt: plus(now, -1) });
    await fx.holds.placeHold({ hold: expired, now: plus(now, -60_000) });
    const next = activeHold(layout, ['A-3-2', 'A-3-3'], { userId: 'user_2', expiresAt: plus(now, 600_000) });

    expect((await fx.holds.placeHold({ hold: next, now })).outcome).toBe('placed');

    expect((await seatsOf(['A-3-1', 'A-3-2', 'A-3-3'])).map((s) => [s.seatId, s.holdId, s.version])).toEqual([
      ['A-3-1', expired.holdId, 2],
      ['A-3-2', next.holdId, 3],
      ['A-3-3', next.holdId, 2],
    ]);
  });

  it('does not take a seat whose hold expires exactly now', async () => {
    const now = new Date();
    const boundary = activeHold(layout, ['A-3-9'], { expiresAt: now });
    await fx.holds.placeHold({ hold: boundary, now: plus(now, -60_000) });
    const next = activeHold(layout, ['A-3-9'], { expiresAt: plus(now, 600_000) });

    await expect(fx.holds.placeHold({ hold: next, now })).rejects.toBeInstanceOf(SeatsUnavailableError);
    expect((await fx.holds.placeHold({ hold: next, now: plus(now, 1) })).outcome).toBe('placed');
  });

  it('replays the identical request from DynamoDB without writing twice, and says hold-exists for a later retry', async () => {
    const now = new Date();
    const hold = activeHold(layout, ['B-1-1', 'B-1-2'], { expiresAt: plus(now, 600_000) });
    await fx.holds.placeHold({ hold, now });

    expect(await fx.holds.placeHold({ hold, now })).toEqual({ outcome: 'placed', hold });
    expect((await seatsOf(['B-1-1', 'B-1-2'])).map((s) => s.version)).toEqual([2, 2]);

    // A retry built a moment later differs in `now`: DynamoDB's token check refuses to replay it.
    expect(await fx.holds.placeHold({ hold, now: plus(now, 250) })).toEqual({ outcome: 'hold-exists' });
    expect((await seatsOf(['B-1-1', 'B-1-2'])).map((s) => s.version)).toEqual([2, 2]);
    expect((await fx.rawHold(hold.holdId))?.['version']).toBe(1);
  });

  it('says hold-exists, and takes no seat, when the hold record exists beyond the token window', async () => {
    const now = new Date();
    const original = activeHold(layout, ['B-1-5'], { expiresAt: plus(now, 600_000) });
    await fx.holds.placeHold({ hold: original, now });
    // A hold placed more than 10 minutes ago: its record exists, DynamoDB forgot its token.
    const holdId = uniqueId('rsv');
    const raw = await fx.rawHold(original.holdId);
    await fx.documents.send(
      new PutCommand({ TableName: fx.tables.holdsTable, Item: { ...raw, pk: `HOLD#${holdId}`, hold_id: holdId } }),
    );
    const retry = activeHold(layout, ['B-1-6'], { holdId, expiresAt: plus(now, 600_000) });

    expect(await fx.holds.placeHold({ hold: retry, now })).toEqual({ outcome: 'hold-exists' });
    expect((await seatsOf(['B-1-6']))[0]).toMatchObject({ status: 'AVAILABLE', version: 1 });
  });

  it('never re-holds a SOLD seat, not even for the hold id that bought it', async () => {
    const now = new Date();
    const holdId = uniqueId('rsv');
    const [placement] = layout.placementsOf(['B-3-3'], 'seat_ids');
    await fx.documents.send(
      new UpdateCommand({
        TableName: fx.tables.seatsTable,
        Key: { pk: `EVENT#${eventId}#SECTION#B#BLOCK#${placement?.block}`, sk: 'SEAT#B-3-3' },
        UpdateExpression: 'SET #status = :sold, hold_id = :holdId, version = version + :one',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sold': 'SOLD', ':holdId': holdId, ':one': 1 },
      }),
    );
    const hold = activeHold(layout, ['B-3-3'], { holdId, expiresAt: plus(now, 600_000) });

    const error = (await rejectionOf(fx.holds.placeHold({ hold, now }))) as SeatsUnavailableError;

    expect(error.conflictingSeats).toMatchObject([{ seatId: 'B-3-3', status: 'SOLD', holdId, version: 2 }]);
    expect((await seatsOf(['B-3-3']))[0]).toMatchObject({ status: 'SOLD', version: 2 });
    expect(await fx.holds.getHold(holdId)).toBeUndefined();
  });

  it('lets exactly one of many concurrent holds on the same seat win', async () => {
    const now = new Date();
    const contenders = Array.from({ length: 9 }, (_, i) =>
      activeHold(layout, ['B-4-1', `B-4-${i + 2}`].slice(0, i % 2 === 0 ? 1 : 2), { expiresAt: plus(now, 600_000) }),
    );

    const outcomes = await Promise.allSettled(contenders.map((hold) => fx.holds.placeHold({ hold, now })));

    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const loser of outcomes.filter((o) => o.status === 'rejected')) {
      expect(['INVENTORY_CONFLICT', 'INVENTORY_CONTENDED']).toContain((loser.reason as { code: string }).code);
    }
    const [seat] = await seatsOf(['B-4-1']);
    expect(seat?.version).toBe(2);
    const holdsWritten = await Promise.all(contenders.map((hold) => fx.holds.getHold(hold.holdId)));
    expect(holdsWritten.filter((hold) => hold !== undefined).map((hold) => hold?.holdId)).toEqual([seat?.holdId]);
  });

  it('rejects malformed holds before touching DynamoDB', async () => {
    const now = new Date();
    const hold = activeHold(layout, ['A-4-1'], { expiresAt: plus(now, 600_000) });
    await expect(fx.holds.placeHold({ hold: { ...hold, seats: [...hold.seats, ...hold.seats] }, now })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { conflictingSeatIds: ['A-4-1'] },
    });
    await expect(fx.holds.placeHold({ hold: { ...hold, status: 'RELEASED' }, now })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(fx.holds.placeHold({ hold: { ...hold, seats: [] }, now })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await seatsOf(['A-4-1']))[0]?.version).toBe(1);
  });
});
