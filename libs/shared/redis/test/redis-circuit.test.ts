import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisCircuit } from '../src/redis-circuit';
import type { RedisCircuitState } from '../src/redis-circuit.types';
import { standaloneRedis } from './support/stand-ins';
import { closedPort } from './support/closed-port';


/** The local stand-in Redis, ready. */
async function connect(): Promise<Redis> {
  const redis = new Redis(standaloneRedis.mode === 'standalone' ? standaloneRedis.url : '', { lazyConnect: true });
  await redis.connect();
  return redis;
}

/** Polls `condition` every 10 ms until it holds (at most 10 s). */
async function until(condition: () => boolean, description: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await sleep(10);
  }
}

class CallerBug extends Error {}

describe('RedisCircuit', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const circuitWith = (options: ConstructorParameters<typeof RedisCircuit>[0]) => {
    const circuit = new RedisCircuit(options);
    cleanups.push(() => circuit.shutdown());
    return circuit;
  };

  it('opens after the failure threshold against a dead Redis, then skips Redis without calling it', async () => {
    const dead = new Redis({ host: '127.0.0.1', port: await closedPort(), enableOfflineQueue: false });
    dead.on('error', () => undefined); // connection refusals are expected; ioredis reports them as events
    cleanups.push(() => dead.disconnect());
    const circuit = circuitWith({ volumeThreshold: 5, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 });
    const changes: RedisCircuitState[] = [];
    circuit.onStateChange((state) => changes.push(state));

    for (let call = 1; call <= 4; call += 1) {
      expect(await circuit.run(() => dead.get('any'))).toMatchObject({ ok: false, reason: 'failed' });
    }
    expect(circuit.state, 'below the volume threshold').toBe('closed');
    const fifth = await circuit.run(() => dead.get('any'));
    expect(fifth).toMatchObject({ ok: false, reason: 'failed' });
    expect(fifth.ok === false && fifth.error).toBeInstanceOf(Error);
    expect(circuit.state).toBe('open');

    let calls = 0;
    const skipped = await circuit.run(async () => {
      calls += 1;
      return dead.get('any');
    });

    expect(skipped).toMatchObject({ ok: false, reason: 'open' });
    expect(calls).toBe(0);
    expect(changes).toEqual(['open']);
  });

  it('reports a slow call as a timeout and never throws', async () => {
    const redis = await connect();
    cleanups.push(() => redis.disconnect());
    const circuit = circuitWith({ timeoutMs: 50, volumeThreshold: 100 });

    // BLPOP on a key nobody pushes to: Redis stays healthy for everyone else, this call is slow.
    const slow = await circuit.run(() => (redis as Redis).blpop(`t-never-${Date.now()}`, 2));
    const thrown = await circuit.run(() => {
      throw new Error('synchronous bug');
    });

    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
    expect(thrown).toMatchObject({ ok: false, reason: 'failed' });
    expect(circuit.state).toBe('closed');
  });

  it('probes after the reset timeout and closes when the probe succeeds against a real Redis', async () => {
    const redis = await connect();
    cleanups.push(() => redis.quit());
    const circuit = circuitWith({ volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 200 });
    const changes: string[] = [];
    circuit.onStateChange((state, previous) => changes.push(`${previous}→${state}`));
    let failuresLeft = 4;
    let calls = 0;
    // Redis "recovers" after a few failures: the operation fails until then, then really pings.
    const flakyPing = async () => {
      calls += 1;
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('connection lost');
      }
      return redis.ping();
    };

    for (let call = 0; call < 3; call += 1) await circuit.run(flakyPing);
    expect(circuit.state).toBe('open');
    await until(() => circuit.state === 'half-open', 'the half-open state');
    // The half-open probe fails: the circuit opens again and waits another reset timeout.
    expect(await circuit.run(flakyPing)).toMatchObject({ ok: false, reason: 'failed' });
    expect(circuit.state).toBe('open');
    await until(() => circuit.state === 'half-open', 'the second half-open state');

    const callsBeforeProbe = calls;
    const probe = await circuit.run(flakyPing);

    expect(probe).toEqual({ ok: true, value: 'PONG' });
    expect(calls).toBe(callsBeforeProbe + 1);
    expect(circuit.state).toBe('closed');
    expect(changes).toEqual(['closed→open', 'open→half-open', 'half-open→open', 'open→half-open', 'half-open→closed']);
    expect(await circuit.run(() => redis.ping())).toEqual({ ok: true, value: 'PONG' });
  });

  it('reports bugs of the caller as failed without letting them open the circuit', async () => {
    const circuit = circuitWith({ volumeThreshold: 1, resetTimeoutMs: 60_000, isCallerBug: (error) => error instanceof CallerBug });

    for (const bug of [new CallerBug('bad ttl'), new CallerBug('bad field')]) {
      expect(await circuit.run(() => Promise.reject(bug))).toEqual({ ok: false, reason: 'failed', error: bug });
    }

    expect(circuit.state).toBe('closed');
    // They count as answered calls: real failures must now outweigh them (3 of 5 calls > 50 %).
    for (let call = 0; call < 3; call += 1) await circuit.run(() => Promise.reject(new Error('connection lost')));
    expect(circuit.state).toBe('open');
  });

  it('keeps working when a state listener throws', async () => {
    const circuit = circuitWith({ volumeThreshold: 1, resetTimeoutMs: 60_000 });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    cleanups.push(() => process.off('warning', onWarning));
    circuit.onStateChange(() => {
      throw new Error('listener bug');
    });

    const result = await circuit.run(() => Promise.reject(new Error('down')));

    expect(result).toMatchObject({ ok: false, reason: 'failed' });
    expect(circuit.state).toBe('open');
    await until(() => warnings.some((message) => message.includes('listener bug')), 'the process warning');
  });

  it('with a probe: opens on the first failure, skips Redis, and closes in the background once the probe answers', async () => {
    let redisUp = false;
    let probes = 0;
    const circuit = circuitWith({
      timeoutMs: 100,
      volumeThreshold: 1,
      probeIntervalMs: 20,
      probe: async () => {
        probes += 1;
        if (!redisUp) throw new Error('connection refused');
        return 'PONG';
      },
    });
    const changes: string[] = [];
    circuit.onStateChange((state, previous) => changes.push(`${previous}→${state}`));

    expect(await circuit.run(() => Promise.reject(new Error('connection lost')))).toMatchObject({ ok: false, reason: 'failed' });
    expect(circuit.state, 'open on the first failure').toBe('open');
    let calls = 0;
    expect(await circuit.run(async () => (calls += 1))).toMatchObject({ ok: false, reason: 'open' });
    await until(() => probes >= 2, 'the background probes');
    expect(circuit.state, 'failed probes keep it open').toBe('open');

    redisUp = true;
    await until(() => circuit.state === 'closed', 'the background probe to close the circuit');
    expect(calls, 'no call was let through as a probe').toBe(0);
    expect(await circuit.run(async () => 'answered')).toEqual({ ok: true, value: 'answered' });
    expect(changes).toEqual(['closed→open', 'open→closed']);
  });
});
