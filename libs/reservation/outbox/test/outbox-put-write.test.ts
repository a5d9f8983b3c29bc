import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { outboxTable, reservationsTable } from '@ticketing/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxStore, outboxPutWrite } from '../src';
import { freshTables, type FreshTables } from './support/local-tables';
import { outboxEvent } from './support/outbox-events';

describe('outboxPutWrite inside the reservation transaction', () => {
  let tables: FreshTables;
  let outbox: string;
  let reservations: string;
  let store: OutboxStore;
  beforeAll(async () => {
    tables = await freshTables([outboxTable, reservationsTable]);
    outbox = tables.names['outbox'] as string;
    reservations = tables.names['reservations'] as string;
    store = new OutboxStore(tables.documents, { table: outbox });
  });
  afterAll(() => tables?.cleanup());

  const reservationPut = (reservationId: string) => ({
    Put: {
      TableName: reservations,
      Item: { pk: `RESERVATION#${reservationId}`, sk: 'RESERVATION', status: 'HOLD' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  const reservationExists = async (reservationId: string) =>
    (
      await tables.documents.send(
        new GetCommand({ TableName: reservations, Key: { pk: `RESERVATION#${reservationId}`, sk: 'RESERVATION' } }),
      )
    ).Item !== undefined;

  it('applies the reservation change and its event together', async () => {
    const event = outboxEvent();
    await tables.documents.send(
      new TransactWriteCommand({ TransactItems: [reservationPut('rsv_a'), outboxPutWrite(event, { table: outbox })] }),
    );

    expect(await reservationExists('rsv_a')).toBe(true);
    expect(await store.get(event.eventId)).toMatchObject({ event, status: 'PENDING', attempts: 0, availableAt: event.dueAt });
  });

  it('writes neither when the reservation change is refused', async () => {
    await tables.documents.send(
      new PutCommand({ TableName: reservations, Item: { pk: 'RESERVATION#rsv_b', sk: 'RESERVATION', status: 'HOLD' } }),
    );
    const event = outboxEvent();
    const write = tables.documents.send(
      new TransactWriteCommand({ TransactItems: [reservationPut('rsv_b'), outboxPutWrite(event, { table: outbox })] }),
    );

    await expect(write).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(await store.get(event.eventId)).toBeUndefined();
  });

  it('refuses a reused event id without touching the stored event or the reservation', async () => {
    const first = outboxEvent({ detail: { reservation_id: 'rsv_c', version: 1 } });
    await tables.documents.send(new TransactWriteCommand({ TransactItems: [outboxPutWrite(first, { table: outbox })] }));
    const reuse = { ...first, detail: { reservation_id: 'rsv_c', version: 2 } };

    const error: unknown = await tables.documents
      .send(new TransactWriteCommand({ TransactItems: [reservationPut('rsv_c'), outboxPutWrite(reuse, { table: outbox })] }))
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'TransactionCanceledException' });
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((reason) => reason.Code);
    expect(reasons).toEqual(['None', 'ConditionalCheckFailed']);
    expect((await store.get(first.eventId))?.event.detail).toEqual({ reservation_id: 'rsv_c', version: 1 });
    expect(await reservationExists('rsv_c')).toBe(false);
  });
});
