import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisConnection } from '../src/lua-command';
import { SeatGate } from '../src/seat-gate';
import type { SeatClaimOutcome } from '../src/seat-gate.types';
import { cleanupRedisKeys, isolatedRedisKeyPrefix } from '@ticketing/testing';
import { connect, topologies } from './support/stand-ins';

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe.each(topologies)('200 concurrent claims on %s', (_, topology) => {
  const connectionCount = 4;
  let clients: RedisConnection[];
  let prefix: string;

  beforeEach(async () => {
    prefix = isolatedRedisKeyPrefix();
    clients = await Promise.all(Array.from({ length: connectionCount }, () => connect(topology)));
  });
  afterEach(async () => {
    await cleanupRedisKeys(clients[0] as RedisConnection, prefix);
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('never gives a seat to two holds, and every claimed hold owns all its seats', async () => {
    const random = seededRandom(20_261_001);
    const seatIds = Array.from({ length: 40 }, (_, index) => `A-${index + 1}`);
    const requests = Array.from({ length: 200 }, (_, index) => {
      const wanted = new Set<string>();
      const size = 2 + Math.floor(random() * 4);
      while (wanted.size < size) wanted.add(seatIds[Math.floor(random() * seatIds.length)] as string);
      return { owner: `rsv_${index}`, seats: [...wanted] };
    });
    // Several connections, so claims really interleave instead of queueing on one socket.
    const gates = clients.map((client) => new SeatGate(client, { keyPrefix: prefix }));

    const outcomes: SeatClaimOutcome[] = await Promise.all(
      requests.map((request, index) =>
        (gates[index % gates.length] as SeatGate).claim('evt_1', 'A', request.seats, request.owner, 60_000),
      ),
    );

    const client = clients[0] as RedisConnection;
    const finalOwner = new Map<string, string | null>();
    for (const seatId of seatIds) finalOwner.set(seatId, await client.get(`${prefix}{evt_1:A}:seat:${seatId}`));
    const claimedBy = new Map<string, string>();
    let claimed = 0;
    let taken = 0;
    for (const [index, outcome] of outcomes.entries()) {
      const { owner, seats } = requests[index] as { owner: string; seats: string[] };
      if (outcome.outcome === 'claimed') {
        claimed += 1;
        for (const seatId of seats) {
          expect(claimedBy.get(seatId), `${seatId} claimed by two holds`).toBeUndefined();
          claimedBy.set(seatId, owner);
          expect(finalOwner.get(seatId), `${owner} claimed ${seatId}`).toBe(owner);
        }
      } else {
        taken += 1;
        expect(outcome.conflicts.length).toBeGreaterThan(0);
        for (const seatId of seats) expect(finalOwner.get(seatId), `${owner} lost yet holds ${seatId}`).not.toBe(owner);
        for (const conflict of outcome.conflicts) {
          expect(seats).toContain(conflict.seatId);
          expect(finalOwner.get(conflict.seatId)).toBe(conflict.owner);
        }
      }
    }
    // Every key that exists belongs to a hold that was told "claimed".
    for (const [seatId, owner] of finalOwner) if (owner !== null) expect(claimedBy.get(seatId)).toBe(owner);
    expect(claimed, 'precondition: some holds won').toBeGreaterThan(0);
    expect(taken, 'precondition: seats were contended').toBeGreaterThan(0);
  });
});
