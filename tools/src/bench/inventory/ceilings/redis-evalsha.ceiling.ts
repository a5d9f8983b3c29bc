import { createRedisClient, whenRedisReady } from '@ticketing/redis';
import { runClosedLoop } from '../../shared/load/closed-loop';
import type { ScenarioPlan, ScenarioResult } from '../scenarios/scenario-plan';

type Plan = Extract<ScenarioPlan, { scenario: 'redis-ceiling' }>;

/** The trivial script: one key, one read, one round trip. */
const probeScript = "return redis.call('EXISTS', KEYS[1])";

/** A client with the probe script defined as a command (ioredis sends EVALSHA, EVAL once on NOSCRIPT). */
type ProbeClient = { benchProbe(key: string): Promise<number> };

/**
 * Redis' own EVALSHA ceiling at the hold scenario's concurrency: a trivial one-key Lua script via
 * ioredis `defineCommand`, on the same client settings the inventory uses (createRedisClient). Each
 * virtual client uses its own hash-tagged key; the script creates nothing.
 */
export async function runRedisCeiling(plan: Plan): Promise<ScenarioResult> {
  const redis = createRedisClient({ mode: 'standalone', url: plan.redisUrl }, { keyPrefix: plan.keyPrefix });
  redis.on('error', () => undefined);
  try {
    await whenRedisReady(redis);
    redis.defineCommand('benchProbe', { numberOfKeys: 1, lua: probeScript });
    const probe = redis as unknown as ProbeClient;
    const run = await runClosedLoop({
      ...plan.load,
      operation: async (worker) => {
        await probe.benchProbe(`{bench:${worker}}:probe`);
        return 'ok';
      },
    });
    return { scenario: 'redis-ceiling', run };
  } finally {
    redis.disconnect();
  }
}
