import { setTimeout as sleep } from 'node:timers/promises';
import { counterDelta } from './metric-deltas';
import { scrapeMetrics } from './metrics-exposition';

/**
 * Waits until the API's outbox relay has published no event for 1.5 s (its idle poll is 1 s), at
 * most `limitMs`, so the events of one phase (a reservation.created per reservation) are not
 * published during the next one; resolves with the seconds waited.
 */
export async function untilOutboxIdle(apiMetricsUrl: string, limitMs: number): Promise<number> {
  const started = Date.now();
  const published = async () => counterDelta(new Map(), await scrapeMetrics(apiMetricsUrl), 'outbox_published_total')['total'] ?? 0;
  let last = await published();
  while (Date.now() - started < limitMs) {
    await sleep(1_500);
    const now = await published();
    if (now === last) break;
    last = now;
  }
  return Math.round((Date.now() - started) / 100) / 10;
}
