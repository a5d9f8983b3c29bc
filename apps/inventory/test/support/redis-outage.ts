import { setTimeout as sleep } from 'node:timers/promises';
import type { OutageWindow } from './contention-summary';

/** A Redis the test owns and may switch off and on. */
export interface SwitchableRedis {
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** When to switch Redis off and on again, counted in rounds of the load. */
export interface OutagePlan {
  readonly stopAtRound: number;
  readonly restartAtRound: number;
  /** How far into those rounds: with a round's calls in flight, not in the quiet between rounds. */
  readonly delayMs: number;
  /** Runs just before the stop (e.g. to read metrics). */
  readonly beforeStop?: () => Promise<void>;
  /** Runs once Redis answers again. */
  readonly afterRestart?: () => Promise<void>;
}

/** A planned outage, driven by the load's round starts. */
export interface RedisOutage {
  /** Pass to the load as its `onRoundStart`. */
  readonly onRoundStart: (round: number) => void;
  /** Redis was down from `stoppedAt` until `restartingAt` (epoch ms; +∞ until it happened). */
  readonly window: OutageWindow & { readonly restartedAt: number };
  /** Waits for the switches; restarts Redis if the load ended before its restart round. */
  finish(): Promise<void>;
}

/**
 * Switches Redis off `delayMs` into round `stopAtRound` and on again `delayMs` into round
 * `restartAtRound`. The switches run beside the load (a round never waits for them), one after
 * the other.
 */
export function planRedisOutage(redis: SwitchableRedis, plan: OutagePlan): RedisOutage {
  const window = { stoppedAt: Number.POSITIVE_INFINITY, restartingAt: Number.POSITIVE_INFINITY, restartedAt: Number.POSITIVE_INFINITY };
  let switching: Promise<void> = Promise.resolve();
  const restart = async () => {
    window.restartingAt = Date.now();
    await redis.start();
    window.restartedAt = Date.now();
    await plan.afterRestart?.();
  };
  return {
    window,
    onRoundStart: (round) => {
      if (round === plan.stopAtRound) {
        switching = switching.then(async () => {
          await sleep(plan.delayMs);
          await plan.beforeStop?.();
          await redis.stop();
          window.stoppedAt = Date.now();
        });
      }
      if (round === plan.restartAtRound) {
        switching = switching.then(async () => {
          await sleep(plan.delayMs);
          await restart();
        });
      }
    },
    finish: async () => {
      await switching;
      if (!redis.running) await restart();
    },
  };
}
