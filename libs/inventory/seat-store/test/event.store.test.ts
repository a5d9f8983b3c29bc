import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStore } from '../src';
import { activeHold, plus, preparedEvent, venueDefinition } from './support/fixtures';
import { type InventoryFixture, inventoryFixture, rejectionOf } from './support/inventory-fixture';
import { documentClientFor } from '@ticketing/testing';
import { localDynamoClient } from './support/local-tables';

describe('EventStore', () => {
  let fx: InventoryFixture;
  beforeAll(async () => {
    fx = await inventoryFixture();
  });
  afterAll(() => fx.cleanup());

  const header = async (eventId: string) =>
    (
      await fx.documents.send(
        new GetCommand({ TableName: fx.tables.eventsTable, Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' }, ConsistentRead: true }),
      )
    ).Item;

  it('creates the header, the layout and every seat (AVAILABLE or BLOCKED, version 1), then reads them back', async () => {
    const definition = venueDefinition({ blockedSeatIds: ['A-1-1', 'B-4-10'] });
    const { layout, fingerprint } = preparedEvent(definition, 15);
    const now = new Date();

    const result = await fx.events.createEvent(definition, layout, fingerprint, now);

    expect(result.created).toBe(true);
    expect(result.event).toMatchObject({ eventId: definition.eventId, seatCount: 80, layoutFingerprint: fingerprint });
    expect(await fx.events.getEvent(definition.eventId)).toEqual(result.event);
    expect(result.event.createdAt).toEqual(now);
    expect(result.event.sections.map((s) => [s.sectionId, s.seatCount, s.blockCount])).toEqual([
      ['A', 40, 4],
      ['B', 40, 4],
    ]);

    const seats = await fx.seats.readSection(definition.eventId, 'A', layout.blocksOfSection('A'));
    expect(seats).toHaveLength(40);
    expect(seats.find((seat) => seat.seatId === 'A-1-1')).toMatchObject({ status: 'BLOCKED', version: 1 });
    expect(seats.filter((seat) => seat.status === 'AVAILABLE' && seat.version === 1)).toHaveLength(39);
    expect(seats.every((seat) => seat.holdId === undefined && seat.eventId === definition.eventId)).toBe(true);

    const reloaded = await fx.events.loadLayout(definition.eventId);
    expect(reloaded.allSeats()).toEqual(layout.allSeats());
    expect(reloaded.sections).toEqual(layout.sections);
    expect((await header(definition.eventId))?.['status']).toBe('READY');
    expect(await header(definition.eventId)).not.toHaveProperty('creation_token');
  });

  it('answers the same definition again with created:false and writes nothing', async () => {
    const definition = venueDefinition();
    const { layout, fingerprint } = preparedEvent(definition);
    const first = await fx.events.createEvent(definition, layout, fingerprint, new Date());
    // A seat held in between must survive the repeat: a repeated CreateEvent may not reset seats.
    const hold = activeHold(layout, ['A-1-1'], { expiresAt: plus(new Date(), 600_000) });
    await fx.holds.placeHold({ hold, now: new Date() });

    const again = await fx.events.createEvent(definition, layout, fingerprint, plus(new Date(), 5_000));

    expect(again).toEqual({ event: first.event, created: false });
    const [seat] = await fx.seats.readSeats(definition.eventId, hold.seats);
    expect(seat).toMatchObject({ status: 'HELD', holdId: hold.holdId, version: 2 });
  });

  it('rejects another definition under an existing event id with EVENT_CONFLICT', async () => {
    const definition = venueDefinition();
    const { layout, fingerprint } = preparedEvent(definition);
    await fx.events.createEvent(definition, layout, fingerprint, new Date());
    const renamed = venueDefinition({ eventId: definition.eventId, name: 'Another night' });
    const other = preparedEvent(renamed);

    const error = await rejectionOf(fx.events.createEvent(renamed, other.layout, other.fingerprint, new Date()));

    expect(error).toMatchObject({ code: 'EVENT_CONFLICT', details: { event_id: definition.eventId } });
    expect((await fx.events.getEvent(definition.eventId))?.name).toBe(definition.name);
  });

  it('finishes a crashed creation once its lease ran out, and refuses to race a live one', async () => {
    const definition = venueDefinition({ sections: 3, rows: 10, seatsPerRow: 20 });
    const { layout, fingerprint } = preparedEvent(definition);
    const leaseMs = 400;
    const crashing = crashingDocuments(4);
    const firstAttempt = new EventStore(crashing, fx.tables, { creationLeaseMs: leaseMs, writeConcurrency: 2 });
    const crashedAt = new Date();

    await expect(firstAttempt.createEvent(definition, layout, fingerprint, crashedAt)).rejects.toThrow();

    expect((await header(definition.eventId))?.['status']).toBe('CREATING');
    expect(await fx.events.getEvent(definition.eventId)).toBeUndefined();
    await expect(fx.events.loadLayout(definition.eventId)).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
    const partial = await fx.seats.readSection(definition.eventId, 'A', layout.blocksOfSection('A'));
    expect(partial.length).toBeLessThan(layout.seatCount);

    const retry = new EventStore(fx.documents, fx.tables, { creationLeaseMs: leaseMs });
    await expect(retry.createEvent(definition, layout, fingerprint, new Date())).rejects.toMatchObject({
      code: 'INVENTORY_CONTENDED',
    });
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 100));
    const finished = await retry.createEvent(definition, layout, fingerprint, plus(crashedAt, 60_000));

    expect(finished.created).toBe(true);
    expect(finished.event.createdAt).toEqual(crashedAt);
    expect(await fx.events.getEvent(definition.eventId)).toEqual(finished.event);
    const all = await Promise.all(
      layout.sections.map((s) => fx.seats.readSection(definition.eventId, s.sectionId, layout.blocksOfSection(s.sectionId))),
    );
    expect(all.flat()).toHaveLength(layout.seatCount);
    expect((await fx.events.loadLayout(definition.eventId)).allSeats()).toEqual(layout.allSeats());
  });

  it('treats unknown and half-created events as absent', async () => {
    expect(await fx.events.getEvent('evt_missing')).toBeUndefined();
    await expect(fx.events.loadLayout('evt_missing')).rejects.toMatchObject({ code: 'EVENT_NOT_FOUND' });
  });

  /**
   * A document client on its own connection that "crashes" after `batchWrites` BatchWriteItem
   * calls: from then on every call fails, as if the process had died (so it cannot even end its
   * creation lease). Fault injection on a real client; DynamoDB itself is not mocked.
   */
  function crashingDocuments(batchWrites: number): DynamoDBDocumentClient {
    const client = localDynamoClient();
    let calls = 0;
    let crashed = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && ++calls > batchWrites) crashed = true;
        if (crashed) throw new Error('simulated crash');
        return next(args);
      },
      { step: 'initialize', name: 'simulatedCrash' },
    );
    return documentClientFor(client);
  }
});
