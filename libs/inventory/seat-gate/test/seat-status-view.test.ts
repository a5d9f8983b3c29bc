import { performance } from 'node:perf_hooks';
import type { SeatStatus } from '@ticketing/inventory-domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisConnection } from '../src/lua-command';
import { CorruptSeatStatusViewError, InvalidSeatGateArgumentError } from '../src/seat-gate.errors';
import { SeatStatusView } from '../src/seat-status-view';
import type { SeatStatusUpdate } from '../src/seat-status-view.types';
import { cleanupRedisKeys, isolatedRedisKeyPrefix } from '@ticketing/testing';
import { connect, topologies } from './support/stand-ins';

const readyTtlMs = 60_000;
const viewTtlMs = 60 * 60_000;

describe.each(topologies)('SeatStatusView on %s', (_, topology) => {
  let client: RedisConnection;
  let prefix: string;
  let view: SeatStatusView;
  const viewKey = (sectionId: string) => `${prefix}{evt_1:${sectionId}}:view`;
  const readyKey = (sectionId: string) => `${viewKey(sectionId)}:ready`;

  beforeEach(async () => {
    prefix = isolatedRedisKeyPrefix();
    client = await connect(topology);
    view = new SeatStatusView(client, { keyPrefix: prefix, viewTtlMs });
  });
  afterEach(async () => {
    await cleanupRedisKeys(client, prefix);
    await client.quit();
  });

  it('reads undefined until the view was rebuilt, even when updates were applied', async () => {
    await view.apply('evt_1', 'A', [{ seatId: 'A-1', status: 'SOLD', version: 2 }]);

    expect(await view.read('evt_1', 'A')).toBeUndefined();
    expect(await client.hget(viewKey('A'), 'A-1')).toBe('SOLD|2|');
  });

  it('rebuild stores every seat but AVAILABLE@0, sets the ready marker, and read returns it', async () => {
    const holdExpiresAt = new Date('2026-10-01T20:15:00.000Z');

    await view.rebuild(
      'evt_1',
      'A',
      [
        { seatId: 'A-1', status: 'AVAILABLE', version: 0 },
        { seatId: 'A-2', status: 'HELD', version: 1, holdExpiresAt },
        { seatId: 'A-3', status: 'BLOCKED', version: 0 },
        { seatId: 'A-4', status: 'AVAILABLE', version: 2, holdExpiresAt },
        { seatId: 'A-5', status: 'SOLD', version: 3 },
      ],
      readyTtlMs,
    );

    expect(await client.hexists(viewKey('A'), 'A-1')).toBe(0);
    const markerTtl = await client.pttl(readyKey('A'));
    expect(markerTtl).toBeGreaterThan(0);
    expect(markerTtl).toBeLessThanOrEqual(readyTtlMs);
    const hashTtl = await client.pttl(viewKey('A'));
    expect(hashTtl).toBeGreaterThan(readyTtlMs);
    expect(hashTtl).toBeLessThanOrEqual(viewTtlMs);
    expect(await view.read('evt_1', 'A')).toEqual(
      new Map([
        ['A-2', { status: 'HELD', version: 1, holdExpiresAt }],
        ['A-3', { status: 'BLOCKED', version: 0 }],
        ['A-4', { status: 'AVAILABLE', version: 2 }],
        ['A-5', { status: 'SOLD', version: 3 }],
      ]),
    );
  });

  it('a ready section where every seat is AVAILABLE@0 reads as an empty map', async () => {
    await view.rebuild('evt_1', 'A', [{ seatId: 'A-1', status: 'AVAILABLE', version: 0 }], readyTtlMs);

    expect(await view.read('evt_1', 'A')).toEqual(new Map());
  });

  it('never lets an older or equal version overwrite a newer one', async () => {
    const expiresAt = new Date(Date.now() + 600_000);
    const heldAt3: SeatStatusUpdate = { seatId: 'A-1', status: 'HELD', version: 3, holdExpiresAt: expiresAt };
    expect(await view.apply('evt_1', 'A', [heldAt3])).toBe(1);

    // A slow writer delivering version 2 after version 3, and a second writer at version 3.
    expect(await view.apply('evt_1', 'A', [{ seatId: 'A-1', status: 'AVAILABLE', version: 2 }])).toBe(0);
    expect(await view.apply('evt_1', 'A', [{ seatId: 'A-1', status: 'SOLD', version: 3 }])).toBe(0);
    // A rebuild from a snapshot taken before version 3.
    await view.rebuild('evt_1', 'A', [{ seatId: 'A-1', status: 'AVAILABLE', version: 1 }], readyTtlMs);
    expect((await view.read('evt_1', 'A'))?.get('A-1')).toEqual({
      status: 'HELD',
      version: 3,
      holdExpiresAt: expiresAt,
    });

    // Back to AVAILABLE at version 4: kept as a tombstone, so the late HELD@3 cannot come back.
    expect(await view.apply('evt_1', 'A', [{ seatId: 'A-1', status: 'AVAILABLE', version: 4 }])).toBe(1);
    expect(await view.apply('evt_1', 'A', [heldAt3])).toBe(0);
    expect((await view.read('evt_1', 'A'))?.get('A-1')).toEqual({ status: 'AVAILABLE', version: 4 });
  });

  it('applies a batch in one call, each seat judged on its own version', async () => {
    await view.apply('evt_1', 'A', [
      { seatId: 'A-1', status: 'SOLD', version: 5 },
      { seatId: 'A-2', status: 'SOLD', version: 5 },
    ]);

    const written = await view.apply('evt_1', 'A', [
      { seatId: 'A-1', status: 'AVAILABLE', version: 6 },
      { seatId: 'A-2', status: 'HELD', version: 4 },
      { seatId: 'A-3', status: 'BLOCKED', version: 1 },
    ]);

    expect(written).toBe(2);
    expect(await client.hgetall(viewKey('A'))).toEqual({
      'A-1': 'AVAILABLE|6|',
      'A-2': 'SOLD|5|',
      'A-3': 'BLOCKED|1|',
    });
  });

  it('invalidate drops the marker, not the data', async () => {
    await view.rebuild('evt_1', 'A', [{ seatId: 'A-1', status: 'SOLD', version: 1 }], readyTtlMs);

    await view.invalidate('evt_1', 'A');

    expect(await view.read('evt_1', 'A')).toBeUndefined();
    expect(await client.hget(viewKey('A'), 'A-1')).toBe('SOLD|1|');
  });

  it('reads undefined when the hash vanished behind a live marker (eviction)', async () => {
    await view.rebuild('evt_1', 'A', [{ seatId: 'A-1', status: 'SOLD', version: 1 }], readyTtlMs);

    await client.del(viewKey('A'));

    expect(await client.exists(readyKey('A'))).toBe(1);
    expect(await view.read('evt_1', 'A')).toBeUndefined();
  });

  it('refuses a field it did not write instead of guessing', async () => {
    await view.rebuild('evt_1', 'A', [], readyTtlMs);
    await client.hset(viewKey('A'), 'A-1', 'garbage');

    await expect(view.read('evt_1', 'A')).rejects.toThrow(CorruptSeatStatusViewError);
    // Any update repairs it: the stored value carries no version to protect.
    await view.apply('evt_1', 'A', [{ seatId: 'A-1', status: 'AVAILABLE', version: 0 }]);
    expect(await client.hget(viewKey('A'), 'A-1')).toBe('AVAILABLE|0|');
  });

  it('rejects bad versions and a marker that would outlive the hash before writing anything', async () => {
    await expect(view.apply('evt_1', 'A', [{ seatId: 'A-1', status: 'SOLD', version: 1.5 }])).rejects.toThrow(
      InvalidSeatGateArgumentError,
    );
    await expect(view.rebuild('evt_1', 'A', [], viewTtlMs + 1)).rejects.toThrow(InvalidSeatGateArgumentError);
    expect(await client.exists(viewKey('A'), readyKey('A'))).toBe(0);
  });

  it('round-trips a 10,000-seat section (timings logged, not asserted)', async () => {
    const statuses: SeatStatus[] = ['AVAILABLE', 'HELD', 'SOLD', 'BLOCKED'];
    const holdExpiresAt = new Date(Date.now() + 600_000);
    const states: SeatStatusUpdate[] = Array.from({ length: 10_000 }, (_, index) => ({
      seatId: `A-${index}`,
      status: statuses[index % 4] as SeatStatus,
      version: 1 + (index % 7),
      holdExpiresAt: index % 4 === 1 ? holdExpiresAt : undefined,
    }));

    let started = performance.now();
    await view.rebuild('evt_1', 'A', states, readyTtlMs);
    const rebuildMs = performance.now() - started;
    const readsMs: number[] = [];
    let seats: Awaited<ReturnType<SeatStatusView['read']>>;
    for (let round = 0; round < 5; round += 1) {
      started = performance.now();
      seats = await view.read('evt_1', 'A');
      readsMs.push(performance.now() - started);
    }
    console.log(
      `[timing] ${topology} 10,000-seat section: rebuild ${rebuildMs.toFixed(1)} ms (10 Lua calls), ` +
        `read ${readsMs.map((ms) => ms.toFixed(1)).join(' / ')} ms`,
    );

    expect(await client.hlen(viewKey('A'))).toBe(10_000);
    expect(seats?.size).toBe(10_000);
    expect(seats?.get('A-0')).toEqual({ status: 'AVAILABLE', version: 1 });
    expect(seats?.get('A-9997')).toEqual({ status: 'HELD', version: 1 + (9_997 % 7), holdExpiresAt });
    expect(seats?.get('A-9999')).toEqual({ status: 'BLOCKED', version: 1 + (9_999 % 7) });
  });
});
