import type { HoldStore } from '@ticketing/inventory-seat-store';
import type { Logger } from '@ticketing/telemetry';
import type { HoldLifecycleService } from '../holds/hold-lifecycle.service';
import type { InventoryMetrics } from '../inventory.metrics';

/** A running sweeper. */
export interface ExpirySweeper {
  /** One sweep now; resolves with how many holds it expired. */
  sweepOnce(now?: Date): Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * The safety net behind lazy expiry: finds ACTIVE holds past their expiry and releases them as
 * EXPIRED, so seat maps and hold records catch up even when no `reservation.expired` event came.
 * Correctness never waits for it — an expired hold already fails DynamoDB's seat condition.
 *
 * Safe with several replicas: every transition is conditional (ACTIVE → EXPIRED once), so two
 * sweepers finding the same hold do the work once and the loser sees it already expired. Jitter
 * keeps replicas from sweeping in lockstep.
 */
export function startExpirySweeper(options: {
  readonly holds: HoldStore;
  readonly lifecycle: HoldLifecycleService;
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly metrics: InventoryMetrics;
  readonly logger: Logger;
}): ExpirySweeper {
  let running: Promise<number> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const sweep = async (now: Date): Promise<number> => {
    const expired = await options.holds.findExpiredActiveHolds(now, { limit: options.batchSize });
    let count = 0;
    for (const hold of expired) {
      try {
        const result = await options.lifecycle.expireHold(hold, now);
        if (result.status === 'EXPIRED') count += 1;
      } catch (error) {
        // Another replica, a commit or a release got there first: nothing left to do for it.
        options.logger.debug({ err: error, hold_id: hold.holdId }, 'sweeper skipped a hold');
      }
    }
    return count;
  };

  const sweepOnce = (now = new Date()) => {
    running ??= sweep(now)
      .then(
        (count) => {
          options.metrics.sweeperRuns.inc({ outcome: 'ok' });
          options.metrics.sweptHolds.inc(count);
          if (count > 0) options.logger.info({ expired_holds: count }, 'sweeper expired holds');
          return count;
        },
        (error: unknown) => {
          options.metrics.sweeperRuns.inc({ outcome: 'failed' });
          options.logger.warn({ err: error }, 'sweeper run failed');
          return 0;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    const jitter = 0.8 + Math.random() * 0.4;
    timer = setTimeout(() => void sweepOnce().finally(schedule), options.intervalMs * jitter);
    timer.unref();
  };
  schedule();

  return {
    sweepOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
