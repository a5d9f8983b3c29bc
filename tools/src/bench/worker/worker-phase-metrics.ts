import { setTimeout as sleep } from 'node:timers/promises';
import { counterDelta, histogramDelta, scrapeAll } from '../shared/measure/metric-deltas';
import { parseSeries, scrapeMetrics, type MetricsSnapshot } from '../shared/measure/metrics-exposition';
import type { WorkerPhaseServerSide } from './report/worker-bench-report';

/** One scrape of the three services' /metrics. */
export interface StackSnapshot {
  readonly worker: MetricsSnapshot;
  readonly api: MetricsSnapshot;
  readonly inventory: MetricsSnapshot;
}

const nothing: MetricsSnapshot = new Map();

/** Scrapes the services; the worker's scrape is empty while it is not running. */
export async function scrapeStack(urls: { readonly worker?: string; readonly api: string; readonly inventory: string }): Promise<StackSnapshot> {
  const { worker, ...services } = urls;
  const [scraped, workerSnapshot] = await Promise.all([scrapeAll(services), worker ? scrapeMetrics(worker) : Promise.resolve(nothing)]);
  return { ...scraped, worker: workerSnapshot };
}

/**
 * Scrapes the stack once the worker counts `handled` events since `before` (its `event handled`
 * line comes before it unlocks the reservation and counts the event), at most `limitMs` later.
 */
export async function scrapeStackOnceCounted(
  urls: { readonly worker: string; readonly api: string; readonly inventory: string },
  before: StackSnapshot,
  handled: number,
  limitMs = 5_000,
): Promise<StackSnapshot> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const snapshot = await scrapeStack(urls);
    const counted = counterDelta(before.worker, snapshot.worker, 'worker_events_total', { byLabel: 'outcome' })['handled'] ?? 0;
    if (counted >= handled || Date.now() >= deadline) return snapshot;
    await sleep(50);
  }
}

/** What the services say happened between two scrapes. */
export function phaseServerSide(before: StackSnapshot, after: StackSnapshot): WorkerPhaseServerSide {
  return {
    workerHandler: histogramDelta(before.worker, after.worker, 'worker_handler_duration_seconds', { type: 'payment.approved', outcome: 'handled' }),
    workerOutcomes: counterDelta(before.worker, after.worker, 'worker_events_total', { byLabel: 'outcome' }),
    workerRetries: counterDelta(before.worker, after.worker, 'worker_retries_total', { byLabel: 'reason' }),
    apiGet: histogramDelta(before.api, after.api, 'http_request_duration_seconds', { method: 'GET', route: '/internal/v1/reservations/:id' }),
    apiPayment: histogramDelta(before.api, after.api, 'http_request_duration_seconds', {
      method: 'POST',
      route: '/internal/v1/reservations/:id/payment',
    }),
    inventoryCommit: histogramDelta(before.inventory, after.inventory, 'grpc_server_handling_seconds', { grpc_method: 'CommitHold' }),
    inventoryCommitTransaction: histogramDelta(before.inventory, after.inventory, 'inventory_dynamodb_transaction_seconds', { operation: 'commit' }),
    outboxPublished: counterDelta(before.api, after.api, 'outbox_published_total')['total'] ?? 0,
  };
}

/** `worker_events_total` by `type outcome`, and `worker_dlq_sends_total` by reason, since the worker started. */
export function workerTotals(snapshot: MetricsSnapshot): { events: Record<string, number>; deadLetters: Record<string, number> } {
  const events: Record<string, number> = {};
  for (const [series, value] of snapshot) {
    const { name, labels } = parseSeries(series);
    if (name === 'worker_events_total' && value > 0) events[`${labels['type'] ?? '?'} ${labels['outcome'] ?? '?'}`] = value;
  }
  return { events, deadLetters: counterDelta(nothing, snapshot, 'worker_dlq_sends_total', { byLabel: 'reason' }) };
}
