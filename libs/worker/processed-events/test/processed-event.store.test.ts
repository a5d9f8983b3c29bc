import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessedEventClaim, type ProcessedEventKey, ProcessedEventStore } from '../src';
import { type FreshProcessedEventsTable, freshProcessedEventsTable } from './support/local-table';

/** The claim lease the tests use. */
const leaseMs = 30_000;
/** How long records are kept (DynamoDB TTL), as the worker keeps them: a week. */
const retentionMs = 7 * 24 * 60 * 60 * 1000;

/** `ms` milliseconds after `date`. */
function plus(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** A key no other test uses. */
function freshKey(action = 'release-seats'): ProcessedEventKey {
  return { messageId: `msg_${randomBytes(6).toString('hex')}`, action };
}

describe('ProcessedEventStore', () => {
  let fresh: FreshProcessedEventsTable;
  let store: ProcessedEventStore;
  beforeAll(async () => {
    fresh = await freshProcessedEventsTable();
    store = new ProcessedEventStore(fresh.documents, fresh.table, { leaseMs, retentionMs });
  });
  afterAll(() => fresh?.cleanup());

  /** The stored item, for attributes the API does not show. */
  async function storedRecord(key: ProcessedEventKey): Promise<Record<string, unknown> | undefined> {
    const { Item } = await fresh.documents.send(
      new GetCommand({
        TableName: fresh.table,
        Key: { pk: `EVENT#${key.messageId}`, sk: `ACTION#${key.action}` },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  /** Claims `key`, failing the test unless the claim is won; resolves with the claim token. */
  async function claimed(key: ProcessedEventKey, now: Date): Promise<string> {
    const claim = await store.claim(key, now);
    if (claim.outcome !== 'claimed') throw new Error(`expected to claim ${key.messageId}/${key.action}, got ${claim.outcome}`);
    return claim.token;
  }

  describe('claim, then markDone', () => {
    it('claims a fresh key with a token, leased and set to expire after the retention', async () => {
      const now = new Date();
      const key = freshKey();

      const claim = await store.claim(key, now);

      expect(claim).toEqual({ outcome: 'claimed', token: expect.any(String) });
      const { token } = claim as Extract<ProcessedEventClaim, { outcome: 'claimed' }>;
      expect(token).not.toBe('');
      expect(await storedRecord(key)).toEqual({
        pk: `EVENT#${key.messageId}`,
        sk: `ACTION#${key.action}`,
        status: 'IN_PROGRESS',
        claim_token: token,
        lease_until: now.getTime() + leaseMs,
        claimed_at: now.toISOString(),
        expires_at_epoch: Math.floor((now.getTime() + retentionMs) / 1000),
      });
    });

    it('answers in-progress, with the end of the lease, while the claim is held', async () => {
      const now = new Date();
      const key = freshKey();
      await claimed(key, now);

      expect(await store.claim(key, now)).toEqual({ outcome: 'in-progress', leaseUntil: plus(now, leaseMs) });
      // Up to and including the last millisecond of the lease.
      expect(await store.claim(key, plus(now, leaseMs))).toEqual({ outcome: 'in-progress', leaseUntil: plus(now, leaseMs) });
    });

    it('answers done with the recorded result once marked, and keeps the record for the retention only', async () => {
      const now = new Date();
      const doneAt = plus(now, 2_000);
      const key = freshKey();
      const token = await claimed(key, now);

      await store.markDone(key, token, 'seats-released', doneAt);

      expect(await store.claim(key, plus(now, 3_000))).toEqual({ outcome: 'done', result: 'seats-released' });
      const record = await storedRecord(key);
      expect(record).toMatchObject({
        status: 'DONE',
        result: 'seats-released',
        done_at: doneAt.toISOString(),
        expires_at_epoch: Math.floor((doneAt.getTime() + retentionMs) / 1000),
      });
      expect(record).not.toHaveProperty('lease_until');
      // ≈ now + retention on the wall clock too: TTL reads epoch seconds, not milliseconds.
      const secondsFromNow = Number(record?.['expires_at_epoch']) - Date.now() / 1000;
      expect(secondsFromNow).toBeGreaterThan(retentionMs / 1000 - 60);
      expect(secondsFromNow).toBeLessThan(retentionMs / 1000 + 60);
    });

    it('keeps answering done after the lease would have run out: a DONE record is never taken over', async () => {
      const now = new Date();
      const key = freshKey();
      await store.markDone(key, await claimed(key, now), 'confirmed', now);

      expect(await store.claim(key, plus(now, 10 * leaseMs))).toEqual({ outcome: 'done', result: 'confirmed' });
      expect(await storedRecord(key)).toMatchObject({ status: 'DONE', result: 'confirmed' });
    });
  });

  it('lets exactly one of 20 concurrent claims of one key win', async () => {
    const now = new Date();
    const key = freshKey();

    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim(key, now)));

    const won = claims.filter((claim) => claim.outcome === 'claimed');
    expect(won).toHaveLength(1);
    expect(claims.filter((claim) => claim.outcome === 'in-progress')).toEqual(
      Array.from({ length: 19 }, () => ({ outcome: 'in-progress', leaseUntil: plus(now, leaseMs) })),
    );
    expect(await storedRecord(key)).toMatchObject({ status: 'IN_PROGRESS', claim_token: (won[0] as { token: string }).token });
  });

  describe('release', () => {
    it('drops the claim, so the next delivery claims the key again with a new token', async () => {
      const now = new Date();
      const key = freshKey();
      const first = await claimed(key, now);

      await store.release(key, first);

      expect(await storedRecord(key)).toBeUndefined();
      const second = await claimed(key, plus(now, 1_000));
      expect(second).not.toBe(first);
    });

    it('changes nothing and does not throw when given a stale token; nor does markDone', async () => {
      const now = new Date();
      const key = freshKey();
      const token = await claimed(key, now);
      const before = await storedRecord(key);

      await expect(store.release(key, 'not-the-token')).resolves.toBeUndefined();
      await expect(store.markDone(key, 'not-the-token', 'someone-else', plus(now, 1_000))).resolves.toBeUndefined();

      expect(await storedRecord(key)).toEqual(before);
      expect(await store.claim(key, plus(now, 2_000))).toEqual({ outcome: 'in-progress', leaseUntil: plus(now, leaseMs) });
      // The holder can still settle its claim.
      await store.markDone(key, token, 'mine', plus(now, 3_000));
      expect(await store.claim(key, plus(now, 4_000))).toEqual({ outcome: 'done', result: 'mine' });
    });

    it('does not drop a DONE record, even with the token that marked it', async () => {
      const now = new Date();
      const key = freshKey();
      const token = await claimed(key, now);
      await store.markDone(key, token, 'confirmed', now);

      await expect(store.release(key, token)).resolves.toBeUndefined();

      expect(await store.claim(key, plus(now, 1_000))).toEqual({ outcome: 'done', result: 'confirmed' });
    });

    it('creates nothing when settling a key that was never claimed', async () => {
      const now = new Date();
      const key = freshKey();

      await expect(store.markDone(key, 'no-claim', 'ghost', now)).resolves.toBeUndefined();
      await expect(store.release(key, 'no-claim')).resolves.toBeUndefined();

      expect(await storedRecord(key)).toBeUndefined();
    });
  });

  describe('a lapsed lease', () => {
    it('is taken over with a new token; the old holder can then settle nothing', async () => {
      // The first holder claimed a minute ago and died; its lease ran out 30 s ago.
      const claimedAt = new Date(Date.now() - 60_000);
      const now = new Date();
      const key = freshKey();
      const stale = await claimed(key, claimedAt);

      const takenOver = await store.claim(key, now);

      expect(takenOver).toEqual({ outcome: 'claimed', token: expect.any(String) });
      const fresh = (takenOver as { token: string }).token;
      expect(fresh).not.toBe(stale);
      expect(await storedRecord(key)).toMatchObject({ status: 'IN_PROGRESS', claim_token: fresh, lease_until: now.getTime() + leaseMs });

      // The old holder wakes up and finishes: its writes are ignored, the record stays with the new holder.
      await expect(store.markDone(key, stale, 'late', plus(now, 1_000))).resolves.toBeUndefined();
      await expect(store.release(key, stale)).resolves.toBeUndefined();
      expect(await storedRecord(key)).toMatchObject({ status: 'IN_PROGRESS', claim_token: fresh });
      expect(await store.claim(key, plus(now, 2_000))).toEqual({ outcome: 'in-progress', leaseUntil: plus(now, leaseMs) });

      // Until the new holder marks it.
      await store.markDone(key, fresh, 'on-time', plus(now, 3_000));
      expect(await store.claim(key, plus(now, 4_000))).toEqual({ outcome: 'done', result: 'on-time' });
    });

    it('is taken over the first millisecond after a tiny lease ends', async () => {
      const briefly = new ProcessedEventStore(fresh.documents, fresh.table, { leaseMs: 50, retentionMs });
      const now = new Date();
      const key = freshKey();
      const stale = (await briefly.claim(key, now)) as Extract<ProcessedEventClaim, { outcome: 'claimed' }>;
      expect(stale.outcome).toBe('claimed');
      expect(await briefly.claim(key, plus(now, 50))).toEqual({ outcome: 'in-progress', leaseUntil: plus(now, 50) });

      const takenOver = await briefly.claim(key, plus(now, 51));

      expect(takenOver).toEqual({ outcome: 'claimed', token: expect.any(String) });
      expect((takenOver as { token: string }).token).not.toBe(stale.token);
      await briefly.markDone(key, stale.token, 'late', plus(now, 60));
      expect(await storedRecord(key)).toMatchObject({ status: 'IN_PROGRESS', claim_token: (takenOver as { token: string }).token });
    });
  });

  it('keeps the actions of one message, and one action of different messages, apart', async () => {
    const now = new Date();
    const releaseSeats = freshKey('release-seats');
    const notify = { messageId: releaseSeats.messageId, action: 'notify-user' };
    const otherMessage = freshKey('release-seats');

    const releaseToken = await claimed(releaseSeats, now);
    const notifyToken = await claimed(notify, now);
    await claimed(otherMessage, now);
    expect(notifyToken).not.toBe(releaseToken);

    await store.markDone(releaseSeats, releaseToken, 'released', now);
    await store.release(notify, notifyToken);

    expect(await store.claim(releaseSeats, now)).toEqual({ outcome: 'done', result: 'released' });
    expect((await store.claim(notify, now)).outcome).toBe('claimed');
    expect(await store.claim(otherMessage, now)).toEqual({ outcome: 'in-progress', leaseUntil: plus(now, leaseMs) });
  });

  it('locks a name for one holder at a time, until it is unlocked or its lease runs out', async () => {
    const now = new Date();
    const name = `reservation:${randomBytes(6).toString('hex')}`;
    const first = await store.lock(name, now);
    if (!first.acquired) throw new Error('the first lock attempt should win');
    expect(await store.lock(name, now)).toEqual({ acquired: false, leaseUntil: plus(now, leaseMs) });

    await store.unlock(name, 'not-the-holders-token');
    expect((await store.lock(name, now)).acquired).toBe(false);
    await store.unlock(name, first.token);
    const second = await store.lock(name, now);
    expect(second.acquired).toBe(true);

    // A holder that died: its lease runs out and the lock can be taken over.
    expect((await store.lock(name, plus(now, leaseMs + 1))).acquired).toBe(true);
    // A lock name never collides with an event record of the same text.
    expect((await store.claim({ messageId: name, action: 'settle' }, now)).outcome).toBe('claimed');
  });
});
