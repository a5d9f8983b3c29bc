import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimSeatsScript } from '../src/claim-seats.script';
import type { RedisConnection } from '../src/lua-command';
import { releaseSeatsScript } from '../src/release-seats.script';
import { SeatGate } from '../src/seat-gate';
import { cleanupRedisKeys, isolatedRedisKeyPrefix } from '@ticketing/testing';
import { connect, dataNodes, topologies } from './support/stand-ins';

const sha1 = (lua: string) => createHash('sha1').update(lua).digest('hex');

/*
 * SCRIPT FLUSH empties the script cache of the whole server, so other suites running at the same
 * moment see NOSCRIPT too; that is harmless by design (ioredis re-sends the script), which is
 * exactly what this suite proves.
 */
describe.each(topologies)('the gate after SCRIPT FLUSH on %s', (_, topology) => {
  let client: RedisConnection;
  let prefix: string;
  const scriptLoaded = async (lua: string) =>
    (await Promise.all(dataNodes(client).map((node) => node.script('EXISTS', sha1(lua)) as Promise<number[]>))).some(
      ([exists]) => exists === 1,
    );
  const flushScriptsEverywhere = () => Promise.all(dataNodes(client).map((node) => node.script('FLUSH')));

  beforeEach(async () => {
    prefix = isolatedRedisKeyPrefix();
    client = await connect(topology);
  });
  afterEach(async () => {
    await cleanupRedisKeys(client, prefix);
    await client.quit();
  });

  it('reloads its scripts transparently (NOSCRIPT → the body is sent again)', async () => {
    const gate = new SeatGate(client, { keyPrefix: prefix });
    await gate.claim('evt_1', 'A', ['A-1'], 'rsv_1', 60_000);
    expect(await scriptLoaded(claimSeatsScript), 'precondition: the first call loaded the script').toBe(true);

    await flushScriptsEverywhere();
    expect(await scriptLoaded(claimSeatsScript), 'precondition: the flush removed it').toBe(false);

    expect(await gate.claim('evt_1', 'A', ['A-2', 'A-3'], 'rsv_1', 60_000)).toEqual({ outcome: 'claimed' });
    expect(await gate.claim('evt_1', 'A', ['A-3'], 'rsv_2', 60_000)).toEqual({
      outcome: 'taken',
      conflicts: [{ seatId: 'A-3', owner: 'rsv_1' }],
    });
    expect(await scriptLoaded(claimSeatsScript)).toBe(true);

    // The connection had already sent the release script once before this flush, so this call
    // goes out as EVALSHA, meets NOSCRIPT, and must be re-sent as the body.
    expect(await gate.release('evt_1', 'A', ['A-1'], 'rsv_1')).toBe(1);
    await flushScriptsEverywhere();
    expect(await gate.release('evt_1', 'A', ['A-2', 'A-3'], 'rsv_1')).toBe(2);
    expect(await scriptLoaded(releaseSeatsScript)).toBe(true);
  });
});
