import { counterDelta } from '../shared/measure/metric-deltas';
import type { MetricsSnapshot } from '../shared/measure/metrics-exposition';
import { round } from '../shared/numbers';

/** Per-label totals of the inventory's counters the benchmarks read, over one phase. */
export interface PhaseMetrics {
  /** `inventory_dynamodb_calls_total` by operation (TransactWriteItems, GetItem, Query, …). */
  readonly dynamodbCalls: Readonly<Record<string, number>>;
  /** `inventory_holds_total` by outcome (held, conflict, contended, …). */
  readonly holds: Readonly<Record<string, number>>;
  /** `inventory_redis_gate_total` by decision (passed, rejected, bypassed). */
  readonly redisGate: Readonly<Record<string, number>>;
  /** `inventory_seat_view_reads_total` by source (hit, rebuilt, fallback). */
  readonly seatViewReads: Readonly<Record<string, number>>;
  /** Server-side mean of `grpc_server_handling_seconds` by method, in ms. */
  readonly serverMeanMs: Readonly<Record<string, number>>;
}

/** What changed in the inventory's /metrics between two scrapes, for the counters the reports use. */
export function phaseMetrics(before: MetricsSnapshot, after: MetricsSnapshot): PhaseMetrics {
  const delta = (name: string, byLabel: string) => counterDelta(before, after, name, { byLabel });
  const handlingSum = delta('grpc_server_handling_seconds_sum', 'grpc_method');
  const handlingCount = delta('grpc_server_handling_seconds_count', 'grpc_method');
  const serverMeanMs: Record<string, number> = {};
  for (const [method, count] of Object.entries(handlingCount)) {
    if (count > 0) serverMeanMs[method] = round(((handlingSum[method] ?? 0) / count) * 1000, 3);
  }
  return {
    dynamodbCalls: delta('inventory_dynamodb_calls_total', 'operation'),
    holds: delta('inventory_holds_total', 'outcome'),
    redisGate: delta('inventory_redis_gate_total', 'decision'),
    seatViewReads: delta('inventory_seat_view_reads_total', 'source'),
    serverMeanMs,
  };
}

/** Total of a per-label record. */
export function total(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0);
}
