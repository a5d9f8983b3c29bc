import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisConnection } from '../src/lua-command';
import { InvalidSeatGateArgumentError } from '../src/seat-gate.errors';
import { SeatGate } from '../src/seat-gate';
import { cleanupRedisKeys, isolatedRedisKeyPrefix } from '@ticketing/testing';
import { connect, topologies } from './support/stand-ins';

const minute = 60_000;
const day = 24 * 60 * minute;

describe.each(topologies)('SeatGate on %s', (_, topology) => {
  let client: RedisConnection;
  let prefix: string;
  let gate: SeatGate;
  const key = (sectionId: string, seatId: string) => `${prefix}{evt_1:${sectionId}}:seat:${seatId}`;
  const ownersOf = (sectionId: string, ...seatIds: string[]) =>
    Promise.all(seatIds.map((seatId) => client.get(key(sectionId, seatId))));

  beforeEach(async () => {
    prefix = isolatedRedisKeyPrefix();
    client = await connect(topology);
    gate = new SeatGate(client, { keyPrefix: prefix });
  });
  afterEach(async () => {
    await cleanupRedisKeys(client, prefix);
    await client.quit();
  });

  describe('claimFirstFree', () => {
    it('claims the first block whose seats are all free, and only it', async () => {
      await gate.claim('evt_1', 'A', ['A-2'], 'rsv_1', minute);

      const outcome = await gate.claimFirstFree('evt_1', 'A', [['A-2', 'A-3'], ['A-3', 'A-4'], ['A-5', 'A-6']], 'rsv_2', minute);

      expect(outcome).toEqual({ outcome: 'claimed', blockIndex: 1 });
      expect(await ownersOf('A', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6')).toEqual(['rsv_1', 'rsv_2', 'rsv_2', null, null]);
    });

    it('writes nothing when every block is taken, and names each taken seat once', async () => {
      await gate.claim('evt_1', 'A', ['A-1'], 'rsv_1', minute);
      await gate.claim('evt_1', 'A', ['A-3'], 'rsv_3', minute);

      const outcome = await gate.claimFirstFree('evt_1', 'A', [['A-1', 'A-2'], ['A-2', 'A-3'], ['A-3', 'A-4']], 'rsv_2', minute);

      expect(outcome).toEqual({
        outcome: 'taken',
        conflicts: [
          { seatId: 'A-1', owner: 'rsv_1' },
          { seatId: 'A-3', owner: 'rsv_3' },
        ],
      });
      expect(await ownersOf('A', 'A-2', 'A-4')).toEqual([null, null]);
    });

    it('hands concurrent owners different blocks of the same candidates', async () => {
      const candidates = [['A-1', 'A-2'], ['A-3', 'A-4'], ['A-5', 'A-6'], ['A-7', 'A-8']];
      const outcomes = await Promise.all(
        ['rsv_1', 'rsv_2', 'rsv_3', 'rsv_4', 'rsv_5'].map((owner) => gate.claimFirstFree('evt_1', 'A', candidates, owner, minute)),
      );

      const claimed = outcomes.flatMap((outcome) => (outcome.outcome === 'claimed' ? [outcome.blockIndex] : []));
      expect(claimed.sort()).toEqual([0, 1, 2, 3]);
      expect(outcomes.filter((outcome) => outcome.outcome === 'taken')).toHaveLength(1);
    });

    it('counts seats the owner already holds as free (a retried hold)', async () => {
      await gate.claim('evt_1', 'A', ['A-1'], 'rsv_1', minute);

      expect(await gate.claimFirstFree('evt_1', 'A', [['A-1', 'A-2']], 'rsv_1', minute)).toEqual({ outcome: 'claimed', blockIndex: 0 });
    });

    it('refuses blocks of unequal size or with a repeated seat', async () => {
      await expect(gate.claimFirstFree('evt_1', 'A', [['A-1'], ['A-2', 'A-3']], 'rsv_1', minute)).rejects.toBeInstanceOf(
        InvalidSeatGateArgumentError,
      );
      await expect(gate.claimFirstFree('evt_1', 'A', [['A-1', 'A-1']], 'rsv_1', minute)).rejects.toBeInstanceOf(InvalidSeatGateArgumentError);
      await expect(gate.claimFirstFree('evt_1', 'A', [], 'rsv_1', minute)).rejects.toBeInstanceOf(InvalidSeatGateArgumentError);
    });
  });

  describe('claim', () => {
    it('claims every free seat with the owner token and the TTL', async () => {
      expect(await gate.claim('evt_1', 'A', ['A-1', 'A-2', 'A-3'], 'rsv_1', minute)).toEqual({ outcome: 'claimed' });

      expect(await ownersOf('A', 'A-1', 'A-2', 'A-3')).toEqual(['rsv_1', 'rsv_1', 'rsv_1']);
      for (const seatId of ['A-1', 'A-2', 'A-3']) {
        const remaining = await client.pttl(key('A', seatId));
        expect(remaining).toBeGreaterThan(0);
        expect(remaining).toBeLessThanOrEqual(minute);
      }
    });

    it('claims nothing when another owner holds any seat, and lists every such seat', async () => {
      await gate.claim('evt_1', 'A', ['A-2'], 'rsv_1', minute);
      await gate.claim('evt_1', 'A', ['A-4'], 'rsv_3', minute);

      expect(await gate.claim('evt_1', 'A', ['A-1', 'A-2', 'A-3', 'A-4', 'A-5'], 'rsv_2', minute)).toEqual({
        outcome: 'taken',
        conflicts: [
          { seatId: 'A-2', owner: 'rsv_1' },
          { seatId: 'A-4', owner: 'rsv_3' },
        ],
      });

      expect(await ownersOf('A', 'A-1', 'A-2', 'A-3', 'A-4', 'A-5')).toEqual([null, 'rsv_1', null, 'rsv_3', null]);
    });

    it('is re-entrant for the same owner and refreshes the TTL', async () => {
      await gate.claim('evt_1', 'A', ['A-1'], 'rsv_1', 5_000);

      expect(await gate.claim('evt_1', 'A', ['A-1', 'A-2'], 'rsv_1', 10 * minute)).toEqual({ outcome: 'claimed' });

      expect(await ownersOf('A', 'A-1', 'A-2')).toEqual(['rsv_1', 'rsv_1']);
      expect(await client.pttl(key('A', 'A-1'))).toBeGreaterThan(5_000);
    });

    it('claims duplicated seat ids once and an empty list trivially', async () => {
      expect(await gate.claim('evt_1', 'A', ['A-1', 'A-1'], 'rsv_1', minute)).toEqual({ outcome: 'claimed' });
      expect(await gate.claim('evt_1', 'A', ['A-1', 'A-1'], 'rsv_2', minute)).toEqual({
        outcome: 'taken',
        conflicts: [{ seatId: 'A-1', owner: 'rsv_1' }],
      });
      expect(await gate.claim('evt_1', 'A', [], 'rsv_2', minute)).toEqual({ outcome: 'claimed' });
    });

    it('rejects a TTL Redis would refuse before any round trip', async () => {
      for (const ttl of [0, -1, 1.5]) {
        await expect(gate.claim('evt_1', 'A', ['A-1'], 'rsv_1', ttl)).rejects.toThrow(InvalidSeatGateArgumentError);
      }
      expect(await ownersOf('A', 'A-1')).toEqual([null]);
    });

    it('stacks the client key prefix in front of its own', async () => {
      const clientPrefix = isolatedRedisKeyPrefix();
      const prefixed = await connect(topology, { keyPrefix: clientPrefix });
      try {
        await new SeatGate(prefixed, { keyPrefix: prefix }).claim('evt_1', 'A', ['A-1', 'A-2'], 'rsv_1', minute);

        expect(await client.get(`${clientPrefix}${key('A', 'A-1')}`)).toBe('rsv_1');
        expect(await client.get(key('A', 'A-1'))).toBeNull();
      } finally {
        await cleanupRedisKeys(client, clientPrefix);
        await prefixed.quit();
      }
    });

    it('answers in one round trip (timing logged, not asserted)', async () => {
      const samples: number[] = [];
      for (let round = 0; round < 200; round += 1) {
        const started = performance.now();
        const seatIds = [1, 2, 3, 4].map((seat) => `T-${round}-${seat}`);
        await gate.claim('evt_1', 'T', seatIds, 'rsv_1', minute);
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      const [median, p99] = [samples[100], samples[198]].map((ms) => ms?.toFixed(3));
      console.log(`[timing] ${topology} claim of 4 seats: median ${median} ms, p99 ${p99} ms`);
      expect(samples).toHaveLength(200);
    });
  });

  describe('release', () => {
    it('deletes only the keys the owner holds', async () => {
      await gate.claim('evt_1', 'A', ['A-1', 'A-2'], 'rsv_1', minute);
      await gate.claim('evt_1', 'A', ['A-3'], 'rsv_2', minute);

      expect(await gate.release('evt_1', 'A', ['A-1', 'A-2', 'A-3', 'A-4'], 'rsv_1')).toBe(2);

      expect(await ownersOf('A', 'A-1', 'A-2', 'A-3')).toEqual([null, null, 'rsv_2']);
      expect(await gate.release('evt_1', 'A', ['A-1', 'A-2'], 'rsv_1')).toBe(0);
    });
  });

  describe('markSold', () => {
    it("gives the owner's keys the long TTL, re-teaches missing ones, leaves other owners alone", async () => {
      await gate.claim('evt_1', 'A', ['A-1', 'A-2'], 'rsv_1', minute);
      await gate.claim('evt_1', 'A', ['A-3'], 'rsv_2', minute);

      expect(await gate.markSold('evt_1', 'A', ['A-1', 'A-2', 'A-3', 'A-4'], 'rsv_1', day)).toBe(3);

      expect(await ownersOf('A', 'A-1', 'A-2', 'A-3', 'A-4')).toEqual(['rsv_1', 'rsv_1', 'rsv_2', 'rsv_1']);
      for (const seatId of ['A-1', 'A-2', 'A-4']) {
        const remaining = await client.pttl(key('A', seatId));
        expect(remaining).toBeGreaterThan(minute);
        expect(remaining).toBeLessThanOrEqual(day);
      }
      expect(await client.pttl(key('A', 'A-3'))).toBeLessThanOrEqual(minute);
    });
  });

  describe('remember', () => {
    it('records what DynamoDB revealed without overwriting a live claim', async () => {
      await gate.claim('evt_1', 'A', ['A-1'], 'rsv_1', minute);

      const remembered = await gate.remember('evt_1', 'A', [
        { seatId: 'A-1', owner: 'rsv_9', ttlMs: day },
        { seatId: 'A-2', owner: 'rsv_9', ttlMs: 30_000 },
        { seatId: 'A-3', owner: 'rsv_8', ttlMs: day },
        { seatId: 'A-4', owner: 'rsv_7', ttlMs: 0 },
      ]);

      expect(remembered).toBe(2);
      expect(await ownersOf('A', 'A-1', 'A-2', 'A-3', 'A-4')).toEqual(['rsv_1', 'rsv_9', 'rsv_8', null]);
      expect(await client.pttl(key('A', 'A-1'))).toBeLessThanOrEqual(minute);
      const remaining = await client.pttl(key('A', 'A-2'));
      expect(remaining).toBeGreaterThan(0);
      expect(remaining).toBeLessThanOrEqual(30_000);
      expect(await gate.claim('evt_1', 'A', ['A-2'], 'rsv_1', minute)).toEqual({
        outcome: 'taken',
        conflicts: [{ seatId: 'A-2', owner: 'rsv_9' }],
      });
    });
  });

  describe('claimAcrossSections', () => {
    it('claims every section when all are free', async () => {
      const seats = new Map([
        ['B', ['B-1']],
        ['A', ['A-1', 'A-2']],
      ]);

      expect(await gate.claimAcrossSections('evt_1', seats, 'rsv_1', minute)).toEqual({ outcome: 'claimed' });

      expect([...(await ownersOf('A', 'A-1', 'A-2')), ...(await ownersOf('B', 'B-1'))]).toEqual([
        'rsv_1',
        'rsv_1',
        'rsv_1',
      ]);
    });

    it('releases the sections it claimed when a later one is taken, and reports conflicts of all', async () => {
      await gate.claim('evt_1', 'B', ['B-2'], 'rsv_other', minute);
      await gate.claim('evt_1', 'D', ['D-1'], 'rsv_third', minute);
      const seats = new Map([
        ['D', ['D-1', 'D-2']],
        ['C', ['C-1']],
        ['B', ['B-1', 'B-2']],
        ['A', ['A-1', 'A-2']],
      ]);

      expect(await gate.claimAcrossSections('evt_1', seats, 'rsv_1', minute)).toEqual({
        outcome: 'taken',
        conflicts: [
          { seatId: 'B-2', owner: 'rsv_other' },
          { seatId: 'D-1', owner: 'rsv_third' },
        ],
      });

      expect(await ownersOf('A', 'A-1', 'A-2')).toEqual([null, null]);
      expect(await ownersOf('B', 'B-1', 'B-2')).toEqual([null, 'rsv_other']);
      expect(await ownersOf('C', 'C-1')).toEqual([null]);
      expect(await ownersOf('D', 'D-1', 'D-2')).toEqual(['rsv_third', null]);
    });
  });
});
