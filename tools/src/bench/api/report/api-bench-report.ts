import type { ProvisionedResources } from '@ticketing/aws';
import type { LatencySummary } from '../../shared/load/latency-summary';
import type { RecordedCalls } from '../../shared/load/outcome-recorder';
import type { PhaseMetrics } from '../../inventory/service-metrics';
import type { CpuUse } from '../../shared/measure/process-cpu';
import type { LogSummary } from '../../shared/measure/pino-log-summary';
import type { HistogramDelta } from '../../shared/measure/metric-deltas';
import type { BenchEventSummary } from '../../shared/bench-event';
import type { BenchReportHeader } from '../../shared/bench-run';
import { round } from '../../shared/numbers';
import { judgeTarget, type TargetResult } from '../../shared/report/targets';

/** The API benchmark's targets. */
export type ApiTargetId = 'post-p95-at-70-percent' | 'api-added-latency' | 'api-peak-rss';
export type ApiTargetResult = TargetResult<ApiTargetId>;

/** Calls of one kind: how many came back the expected way, how fast, and what else happened. */
export interface ApiCallsResult {
  /** Answers with the expected status per second of recorded time. */
  readonly perSecond: number;
  readonly count: number;
  readonly measuredSeconds: number;
  /** Latency of the expected answers, client side (request written → last byte read). */
  readonly latencyMs: LatencySummary;
  /** Every outcome with its count (`201`, `409 INVENTORY_CONFLICT`, `504 UPSTREAM_TIMEOUT`, `error`, …). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Answers with a 5xx status. */
  readonly serverErrors: number;
  readonly sampleErrors: readonly string[];
}

/** The server's own view of one phase, from both services' /metrics. */
export interface ServerSidePhase {
  /** `http_request_duration_seconds` of the route the phase calls (every status). */
  readonly apiRoute: HistogramDelta & { readonly route: string; readonly statuses: Readonly<Record<string, number>> };
  /** `grpc_server_handling_seconds` of the inventory RPC the route makes (HoldSeats or GetSeatMap). */
  readonly inventoryRpc: HistogramDelta & { readonly method: string };
  /** API route mean − inventory RPC mean: the API's own time per request, on average. */
  readonly addedMeanMs: number;
  /** The inventory's counters over the phase (holds by outcome, Redis gate, DynamoDB calls, seat views). */
  readonly inventory: PhaseMetrics;
  /** Outbox events the API's relay published to the bus during the phase. */
  readonly outboxPublished: number;
  /** Who used the CPU during the phase (api, inventory, the stand-ins; the rest of the machine is the load generator and the CLI). */
  readonly cpu: CpuUse & {
    /** API CPU time per request of the route, in ms (its outbox relay's share included: that is part of serving a POST). */
    readonly apiCpuMsPerRequest: number;
    readonly inventoryCpuMsPerRequest: number;
  };
}

/** Everything `npm run bench:api` measured; written as JSON, rendered as a table. */
export interface ApiBenchReport extends BenchReportHeader<'reservation-api'> {
  readonly settings: {
    readonly seatsPerHold: number;
    readonly events: Readonly<Record<'large' | 'contended' | 'seatMap', BenchEventSummary>>;
    readonly startedStandIns: readonly string[];
    /** The throwaway tables, queues, bus and rules the run provisioned (and deleted at its end). */
    readonly resources: readonly ProvisionedResources[];
    /** Prefix of every Redis key the run wrote (deleted at its end). */
    readonly redisKeyPrefix: string;
    readonly apiEntry: string;
    readonly apiNodeOptions: string;
    readonly inventoryEntry: string;
    readonly inventoryNodeOptions: string;
    /** Per-user rate limiting of the API during the run, and why it cannot have throttled the load. */
    readonly rateLimit: { readonly enabled: boolean; readonly note: string };
    readonly users: string;
  };
  /** Seconds waited after a phase until the API's outbox relay had published its backlog, so it does not spill into the next phase. */
  readonly outboxSettleSeconds: Readonly<Record<string, number>>;
  readonly saturation: {
    readonly method: string;
    readonly steps: readonly (ApiCallsResult & { readonly concurrency: number; readonly failureShare: number })[];
    readonly stoppedBecause: string;
    /** The best step's reservations per second: what the API sustains on this machine. */
    readonly maxCreatedPerSecond: number;
    readonly atConcurrency: number;
  };
  readonly atRate: ApiCallsResult & {
    readonly method: string;
    readonly fractionOfSaturation: number;
    /** The arrival rate asked for (fraction × saturation) and the rate the generator actually offered. */
    readonly targetRatePerSecond: number;
    readonly offeredPerSecond: number;
    /** How late the generator sent calls after they came due, p99; large values mean the generator, not the API, lagged. */
    readonly sendLagP99Ms: number;
  };
  readonly contended: ApiCallsResult & { readonly concurrency: number };
  readonly seatMap: ApiCallsResult & {
    readonly method: string;
    /** The step reported above: the highest 200/s among the steps that failed at most `maxFailureShare` (else the first). */
    readonly concurrency: number;
    readonly eventSeats: number;
    readonly seatsPerResponse: number;
    readonly bytesPerResponse: number;
    readonly steps: readonly (ApiCallsResult & { readonly concurrency: number; readonly failureShare: number })[];
  };
  /** The API's time over the inventory call it makes, at light load (judged) and at 70 % of saturation. */
  readonly apiOverhead: {
    readonly method: string;
    readonly lightLoad: ApiOverhead & { readonly ratePerSecond: number };
    readonly atRate: ApiOverhead & { readonly ratePerSecond: number };
  };
  /**
   * The server's view of each phase (`saturation`, `reservations-at-rate`, `reservations-light-load`,
   * `contended-reservations`, `seat-map`).
   */
  readonly serverSide: Readonly<Record<string, ServerSidePhase>>;
  readonly apiProcess: {
    readonly pid: number;
    /** VmHWM at the end of the run: the highest resident set size of its whole life (judged). */
    readonly peakRssMb: number;
    readonly rssMbAfter: Readonly<Record<string, number>>;
    /** Warnings and errors it logged during the run. */
    readonly logs: LogSummary;
  };
  readonly inventoryProcess: { readonly pid: number; readonly peakRssMb: number };
  readonly targets: readonly ApiTargetResult[];
  readonly allTargetsMet: boolean;
}

/** The API's time per POST over its HoldSeats call in one phase. */
export interface ApiOverhead {
  /** API route mean − HoldSeats mean (server side): the mean of the per-request difference. */
  readonly addedMeanMs: number;
  /** Histogram-median difference (API route p50 − HoldSeats p50, both interpolated in their buckets): coarse. */
  readonly addedP50EstimateMs: number;
  /** Client-side p50 of the 201s − the HoldSeats median estimate. */
  readonly clientP50MinusHoldSeatsP50Ms: number;
}

const noLatency: LatencySummary = { count: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0 };

/** A run's calls with `expected` as the successful outcome. */
export function apiCallsOf(run: RecordedCalls, expected: string): ApiCallsResult {
  const stats = run.outcomes[expected];
  const outcomes = Object.fromEntries(Object.entries(run.outcomes).map(([name, value]) => [name, value.count]));
  return {
    perSecond: stats?.perSecond ?? 0,
    count: stats?.count ?? 0,
    measuredSeconds: run.measuredSeconds,
    latencyMs: stats?.latencyMs ?? noLatency,
    outcomes,
    serverErrors: Object.entries(outcomes)
      .filter(([name]) => name.startsWith('5'))
      .reduce((sum, [, count]) => sum + count, 0),
    sampleErrors: run.sampleErrors,
  };
}

/** Share of a run's calls that did not end as `expected`. */
export function failureShareOf(run: RecordedCalls, expected: string): number {
  const all = Object.values(run.outcomes).reduce((sum, stats) => sum + stats.count, 0);
  return all === 0 ? 0 : Math.round((1 - (run.outcomes[expected]?.count ?? 0) / all) * 10_000) / 10_000;
}

/** Measured values the targets judge. */
export interface ApiTargetInputs {
  readonly atRatePerSecond: number;
  readonly postP95AtRateMs: number;
  readonly lightLoadPerSecond: number;
  readonly lightLoadAddedMeanMs: number;
  readonly apiPeakRssMb: number;
}

/** The three targets of the reservation API, judged. */
export function judgeApiTargets(inputs: ApiTargetInputs): ApiTargetResult[] {
  const target = (id: ApiTargetId, description: string, threshold: number, measured: number, unit: string) =>
    judgeTarget({ id, description, comparison: '<=', threshold, measured, unit });
  return [
    target(
      'post-p95-at-70-percent',
      `POST /v1/reservations p95 at 70 % of the saturation rate (${inputs.atRatePerSecond}/s offered, open loop) ≤ 120 ms`,
      120,
      inputs.postP95AtRateMs,
      'ms',
    ),
    target(
      'api-added-latency',
      `API's own time per POST over its HoldSeats call at light load (${inputs.lightLoadPerSecond}/s; server-side means, same phase) ≤ 10 ms`,
      10,
      round(inputs.lightLoadAddedMeanMs, 2),
      'ms',
    ),
    target('api-peak-rss', 'API peak RSS under load (VmHWM over its whole life) ≤ 256 MB', 256, inputs.apiPeakRssMb, 'MB'),
  ];
}
