import { describe, expect, it } from 'vitest';
import { forEachConcurrently, mapConcurrently } from './bounded-concurrency';
import { setTimeout as sleep } from 'node:timers/promises';

describe('forEachConcurrently', () => {
  it('never runs more than `concurrency` calls at once, and runs every item', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachConcurrently([...Array(20).keys()], 3, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await sleep(item % 3);
      inFlight -= 1;
      done.push(item);
    });
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('stops starting work after a failure, waits for calls in flight, and rethrows the first error', async () => {
    const started: number[] = [];
    let finishedInFlight = false;
    const failure = forEachConcurrently([...Array(10).keys()], 2, async (item) => {
      started.push(item);
      if (item === 0) throw new Error('boom');
      await sleep(20);
      finishedInFlight = true;
    });
    await expect(failure).rejects.toThrow('boom');
    expect(finishedInFlight).toBe(true);
    expect(started.length).toBeLessThan(10);
  });

  it('maps in input order', async () => {
    expect(await mapConcurrently([30, 10, 20], 3, async (ms) => (await sleep(ms), ms))).toEqual([30, 10, 20]);
  });
});
