import { setTimeout as sleep } from 'node:timers/promises';
import type { PrivateRedisServer } from '@ticketing/testing';
import { counterDelta } from '../shared/measure/metric-deltas';
import { scrapeMetrics, type MetricsSnapshot } from '../shared/measure/metrics-exposition';

const pollMs = 250;

/**
 * `--kill-redis`: watches the inventory's granted holds during the sale and, once `killAfterHolds`
 * were granted, stops the run's private redis-server (SIGTERM: it exits at once and persists
 * nothing, so every connection drops and every key is gone); `downMs` later starts it again, empty.
 */
export class RedisOutage {
  private killedAt: number | undefined;
  private restartedAt: number | undefined;
  private watching = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly redis: PrivateRedisServer,
    inventoryMetricsUrl: string,
    baseline: MetricsSnapshot,
    killAfterHolds: number,
    private readonly downMs: number,
    private readonly progress: (message: string) => void,
  ) {
    this.done = this.run(inventoryMetricsUrl, baseline, killAfterHolds);
    // A failure surfaces through finish(); until then it must not crash the run as unhandled.
    this.done.catch(() => undefined);
  }

  /** Stops watching (the sale ended); waits for a restart under way. */
  async finish(): Promise<{ readonly killedAt: number | undefined; readonly restartedAt: number | undefined }> {
    this.watching = false;
    await this.done;
    return { killedAt: this.killedAt, restartedAt: this.restartedAt };
  }

  private async run(metricsUrl: string, baseline: MetricsSnapshot, killAfterHolds: number): Promise<void> {
    while (this.watching) {
      const now = await scrapeMetrics(metricsUrl).catch(() => undefined);
      const held = now ? (counterDelta(baseline, now, 'inventory_holds_total', { byLabel: 'outcome' })['held'] ?? 0) : 0;
      if (held >= killAfterHolds) break;
      await sleep(pollMs);
    }
    if (!this.watching) return;
    this.progress(`killing the private redis-server (${killAfterHolds} holds granted); starting it again in ${this.downMs / 1000} s`);
    this.killedAt = Date.now();
    await this.redis.stop();
    await sleep(this.downMs);
    await this.redis.start();
    this.restartedAt = Date.now();
    this.progress('the private redis-server is running again (empty)');
  }
}
