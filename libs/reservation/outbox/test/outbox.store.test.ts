import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '@ticketing/reservation-domain';
import { outboxTable } from '@ticketing/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LeasedOutboxItem, OutboxStore, outboxPutWrite, retryDelayMs } from '../src';
import { freshTables, type FreshTables } from './support/local-tables';
import { outboxEvent } from './support/outbox-events';

const second = 1_000;
const leaseMs = 30 * second;

describe('OutboxStore', () => {
  let tables: FreshTables;
  let table: string;
  let store: OutboxStore;
  beforeAll(async () => {
    tables = await freshTables([outboxTable]);
    table = tables.names['outbox'] as string;
    store = new OutboxStore(tables.documents, { table, retentionMs: 24 * 3600 * second });
  });
  afterAll(() => tables?.cleanup());

  /** Stores events as the reservation API does: a Put inside a transaction. */
  const write = async (...events: OutboxEvent[]) => {
    await tables.documents.send(
      new TransactWriteCommand({ TransactItems: events.map((event) => outboxPutWrite(event, { table })) }),
    );
  };
  const rawItem = async (eventId: string) =>
    (await tables.documents.send(new GetCommand({ TableName: table, Key: { pk: `OUTBOX#${eventId}`, sk: 'EVENT' } }))).Item;
  /** findDue narrowed to the given events (the table is shared by this file's tests). */
  const dueIds = async (now: Date, events: readonly OutboxEvent[]) => {
    const wanted = new Set(events.map((event) => event.eventId));
    const { items } = await store.findDue(now, { limit: 1_000 });
    return items.map((item) => item.event.eventId).filter((id) => wanted.has(id));
  };
  const leaseOrFail = async (eventId: string, owner: string, now: Date, ms = leaseMs): Promise<LeasedOutboxItem> => {
    const item = await store.get(eventId);
    const [leased] = item ? (await store.lease([item], { owner, leaseMs: ms, now })).leased : [];
    if (!leased) throw new Error(`could not lease ${eventId}`);
    return leased;
  };

  it('finds an event once it is due, oldest first, and not before', async () => {
    const base = new Date(Date.now() + 3600 * second);
    const early = outboxEvent({ dueAt: base });
    const late = outboxEvent({ dueAt: new Date(base.getTime() + 60 * second) });
    await write(late, early);

    expect(await dueIds(new Date(base.getTime() - 1), [early, late])).toEqual([]);
    expect(await dueIds(base, [early, late])).toEqual([early.eventId]);
    expect(await dueIds(new Date(base.getTime() + 60 * second - 1), [early, late])).toEqual([early.eventId]);
    expect(await dueIds(new Date(base.getTime() + 60 * second), [early, late])).toEqual([early.eventId, late.eventId]);
  });

  it('leases an event to exactly one of several concurrent relays', async () => {
    const event = outboxEvent();
    await write(event);
    const now = new Date();
    const [item] = (await store.findDue(now, { limit: 1_000 })).items.filter((due) => due.event.eventId === event.eventId);
    expect(item).toBeDefined();

    const owners = Array.from({ length: 8 }, (_, index) => `relay-${index}`);
    const leases = await Promise.all(owners.map((owner) => store.lease([item!], { owner, leaseMs, now })));

    const winners = leases.flatMap((lease) => lease.leased);
    expect(winners).toHaveLength(1);
    expect(leases.map((lease) => lease.taken).sort()).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
    expect(leases.flatMap((lease) => lease.unapplied)).toEqual([]);
    expect(winners[0]).toMatchObject({ status: 'PENDING', attempts: 1, leaseUntil: new Date(now.getTime() + leaseMs) });
    expect(owners).toContain(winners[0]?.leaseOwner);
    expect((await store.get(event.eventId))?.leaseOwner).toBe(winners[0]?.leaseOwner);
  });

  it('hides a leased event until its lease runs out, then lets another relay take it over', async () => {
    const event = outboxEvent();
    await write(event);
    const now = new Date();
    const first = await leaseOrFail(event.eventId, 'relay-a', now);

    expect(await dueIds(new Date(now.getTime() + leaseMs - 1), [event])).toEqual([]);
    const stale = { ...first, status: 'PENDING' as const };
    expect(await store.lease([stale], { owner: 'relay-b', leaseMs, now: new Date(now.getTime() + leaseMs - 1) })).toEqual({
      leased: [],
      taken: 1,
      unapplied: [],
    });

    const afterLease = new Date(now.getTime() + leaseMs);
    expect(await dueIds(afterLease, [event])).toEqual([event.eventId]);
    const takeover = await leaseOrFail(event.eventId, 'relay-b', afterLease);
    expect(takeover.attempts).toBe(2);

    // relay-a "wakes up" after PutEvents: its lease token no longer matches; relay-b's does.
    expect(await store.markPublished([first], { now: afterLease })).toEqual({ published: [], leaseLost: [first], unapplied: [] });
    expect(await store.markRetry(first, { nextDueAt: afterLease, lastError: 'late' })).toBe(false);
    expect(await store.markFailed(first, { lastError: 'late' })).toBe(false);
    expect(await store.markPublished([takeover], { now: afterLease })).toEqual({ published: [takeover], leaseLost: [], unapplied: [] });
  });

  it('marks published items out of the pending index, with a TTL, exactly once', async () => {
    const events = [outboxEvent(), outboxEvent(), outboxEvent()];
    await write(...events);
    const now = new Date();
    const leased = await Promise.all(events.map((event) => leaseOrFail(event.eventId, 'relay-a', now)));

    const result = await store.markPublished(leased, { now });

    expect(result.published.map((item) => item.event.eventId)).toEqual(events.map((event) => event.eventId));
    for (const event of events) {
      const raw = await rawItem(event.eventId);
      expect(raw).toMatchObject({ status: 'PUBLISHED', published_at: now.getTime(), lease_owner: 'relay-a', attempts: 1 });
      expect(raw).not.toHaveProperty('gsi1pk');
      expect(raw).not.toHaveProperty('gsi1sk');
      expect(raw?.['expires_at_epoch']).toBe(Math.ceil((now.getTime() + 24 * 3600 * second) / 1000));
    }
    expect(await dueIds(new Date(now.getTime() + 365 * 24 * 3600 * second), events)).toEqual([]);
    expect(await store.markPublished(leased, { now })).toEqual({ published: [], leaseLost: leased, unapplied: [] });
    const stale = await store.get(events[0]!.eventId);
    expect((await store.lease([stale!], { owner: 'relay-b', leaseMs, now })).leased).toEqual([]);
  });

  it('moves a retried event to its next due time (the backoff), keeping the attempts and the error', async () => {
    const event = outboxEvent();
    await write(event);
    const now = new Date();
    const leased = await leaseOrFail(event.eventId, 'relay-a', now);
    const nextDueAt = new Date(now.getTime() + retryDelayMs(leased.attempts, { baseDelayMs: 2 * second, maxDelayMs: 60 * second }));

    expect(await store.markRetry(leased, { nextDueAt, lastError: 'ThrottlingException: slow down' })).toBe(true);

    expect(await store.get(event.eventId)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      availableAt: nextDueAt,
      leaseUntil: undefined,
      lastError: 'ThrottlingException: slow down',
    });
    expect((await rawItem(event.eventId))?.['gsi1sk']).toBe(`${String(nextDueAt.getTime()).padStart(15, '0')}#${event.eventId}`);
    expect(await dueIds(new Date(nextDueAt.getTime() - 1), [event])).toEqual([]);
    expect(await dueIds(nextDueAt, [event])).toEqual([event.eventId]);
    // The released lease's token is spent: the same relay cannot mark it any more.
    expect(await store.markPublished([leased], { now })).toEqual({ published: [], leaseLost: [leased], unapplied: [] });
  });

  it('marks an event FAILED after N attempts: kept, out of the index, no TTL', async () => {
    const maxAttempts = 3;
    const event = outboxEvent();
    await write(event);
    let now = new Date();
    let leased = await leaseOrFail(event.eventId, 'relay-a', now);
    while (leased.attempts < maxAttempts) {
      const nextDueAt = new Date(now.getTime() + second);
      expect(await store.markRetry(leased, { nextDueAt, lastError: `ECONNREFUSED: attempt ${leased.attempts}` })).toBe(true);
      now = nextDueAt;
      leased = await leaseOrFail(event.eventId, 'relay-a', now);
    }

    expect(await store.markFailed(leased, { lastError: 'ECONNREFUSED: attempt 3', now })).toBe(true);

    expect(await store.get(event.eventId)).toMatchObject({
      event,
      status: 'FAILED',
      attempts: maxAttempts,
      failedAt: now,
      lastError: 'ECONNREFUSED: attempt 3',
      availableAt: undefined,
    });
    const raw = await rawItem(event.eventId);
    expect(raw).not.toHaveProperty('gsi1pk');
    expect(raw).not.toHaveProperty('expires_at_epoch');
    expect(await dueIds(new Date(now.getTime() + 365 * 24 * 3600 * second), [event])).toEqual([]);
    expect((await store.lease([(await store.get(event.eventId))!], { owner: 'relay-b', leaseMs, now })).leased).toEqual([]);
  });

  it('adds standalone events all or none, refusing a stored id', async () => {
    const stored = outboxEvent();
    await store.add([stored]);
    const fresh = outboxEvent();

    await expect(store.add([fresh, stored])).rejects.toMatchObject({
      code: 'INTERNAL',
      message: `Outbox event ids already stored: ${stored.eventId}`,
    });
    expect(await store.get(fresh.eventId)).toBeUndefined();
    expect(await store.get(stored.eventId)).toMatchObject({ event: stored, status: 'PENDING' });
  });

  it("reads each bucket's share of the limit, oldest first, and says when more are due", async () => {
    const dueAt = new Date(Date.now() - 7 * 24 * 3600 * second);
    const events = Array.from({ length: 30 }, (_, index) => outboxEvent({ dueAt: new Date(dueAt.getTime() + index) }));
    for (let index = 0; index < events.length; index += 10) await write(...events.slice(index, index + 10));
    const ids = events.map((event) => event.eventId);
    const now = new Date();

    // These are the oldest items of the table, spread over the buckets by their ids' hashes.
    const first = await store.findDue(now, { limit: 12 });
    expect(first.more).toBe(true);
    expect(first.items).toHaveLength(12);
    const firstIds = first.items.map((item) => item.event.eventId);
    expect(firstIds.every((id) => ids.includes(id))).toBe(true);
    expect(firstIds).toEqual([...firstIds].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));

    // Drain after drain, every item comes up exactly once, and the last drain sees no more.
    const drained: string[] = [];
    let page = first;
    for (let round = 0; round < 10 && page.items.length > 0; round += 1) {
      const { leased } = await store.lease(page.items, { owner: 'relay-a', leaseMs, now });
      drained.push(...leased.map((item) => item.event.eventId).filter((id) => ids.includes(id)));
      if (!page.more) break;
      page = await store.findDue(now, { limit: 12 });
    }
    expect([...drained].sort()).toEqual([...ids].sort());
    expect(page.more).toBe(false);
  });

  it('reports writes DynamoDB did not apply instead of throwing, so the other items keep their outcome', async () => {
    const missing = new OutboxStore(tables.documents, { table: `${table}-missing` });
    const event = outboxEvent();
    await write(event);
    const item = (await store.get(event.eventId))!;

    const lease = await missing.lease([item], { owner: 'relay-a', leaseMs, now: new Date() });

    expect(lease.leased).toEqual([]);
    expect(lease.unapplied).toEqual([{ item: expect.objectContaining({ event }), errorCode: 'ResourceNotFound', errorMessage: expect.any(String) }]);
    const leased = await leaseOrFail(event.eventId, 'relay-a', new Date());
    expect((await missing.markPublished([leased])).unapplied).toHaveLength(1);
    expect(await store.get(event.eventId)).toMatchObject({ status: 'PENDING', attempts: 1, leaseOwner: 'relay-a' });
  });
});
