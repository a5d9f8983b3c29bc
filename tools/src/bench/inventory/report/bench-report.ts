import type { ProvisionedResources } from '@ticketing/aws';
import type { LatencySummary } from '../../shared/load/latency-summary';
import type { CallStats, RecordedCalls } from '../../shared/load/outcome-recorder';
import type { PhaseMetrics } from '../service-metrics';
import type { BenchEventSummary } from '../../shared/bench-event';
import type { BenchReportHeader } from '../../shared/bench-run';
import { round } from '../../shared/numbers';
import { judgeTarget, type TargetResult } from '../../shared/report/targets';

/** The inventory benchmark's targets. */
export type InventoryTargetId = 'hold-throughput' | 'rejection-dynamodb-calls' | 'seat-map-p95' | 'inventory-peak-rss';

/** Throughput and latency of one measured stream of calls. */
export interface ThroughputResult {
  readonly perSecond: number;
  readonly count: number;
  readonly measuredSeconds: number;
  readonly concurrency: number;
  readonly latencyMs: LatencySummary;
  /** Every outcome of the run with its count (errors included: load that silently fails is not load). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly sampleErrors: readonly string[];
}

/** Latency of one RPC as the client saw it, plus the server's own mean from its histogram. */
export interface RpcLatency {
  readonly calls: number;
  readonly failed: number;
  readonly latencyMs: LatencySummary;
  readonly serverMeanMs: number | undefined;
  readonly note: string;
}

/** Everything `npm run bench:inventory` measured; written as JSON, rendered as a table. */
export interface InventoryBenchReport extends BenchReportHeader<'inventory'> {
  readonly settings: {
    readonly concurrency: number;
    /** Alternating windows: ceiling, holds, holds, ceiling, … (`rounds` of each). */
    readonly holdsVersusCeiling: {
      readonly rounds: number;
      readonly window: { readonly concurrency: number; readonly warmupMs: number; readonly durationMs: number };
      readonly firstWarmupMs: number;
    };
    readonly seatsPerHold: number;
    readonly events: Readonly<Record<'large' | 'contended' | 'seatMap', BenchEventSummary>>;
    readonly startedStandIns: readonly string[];
    /** The throwaway tables the run provisioned (and deleted at its end): the service's and the bare ceiling's. */
    readonly resources: readonly ProvisionedResources[];
    /** Prefix of every Redis key the run wrote (deleted at its end). */
    readonly redisKeyPrefix: string;
    /** NODE_OPTIONS given to the inventory process (`--inventory-node-options`); empty by default. */
    readonly inventoryNodeOptions: string;
    /** What ran as the inventory, relative to the workspace root (`apps/inventory/src/main.ts` by default). */
    readonly inventoryEntry: string;
  };
  readonly holds: {
    readonly uncontended: ThroughputResult & {
      /** Rate of each hold window (they alternate with the ceiling's windows). */
      readonly windowRates: readonly number[];
      readonly dynamodbCallsPerSuccessfulHold: number;
      readonly seatsLeft: number;
    };
    readonly contended: ThroughputResult & {
      readonly dynamodbCallsPerRejectedHold: number;
      readonly redisUp: boolean;
    };
  };
  readonly rpcs: Readonly<Record<'HoldSeats' | 'CommitHold' | 'ReleaseHold' | 'GetHold' | 'CheckAvailability' | 'GetSeatMap', RpcLatency>>;
  readonly seatMap: {
    readonly eventSeats: number;
    readonly seatsPerResponse: number;
    readonly calls: number;
    readonly latencyMs: LatencySummary;
    readonly serverMeanMs: number | undefined;
  };
  readonly ceilings: {
    /** Measured in windows alternating with the successful holds' windows. */
    readonly dynamodbTransactWriteItems: ThroughputResult & {
      readonly windowRates: readonly number[];
      readonly shape: string;
    };
    readonly redisEvalsha: ThroughputResult & { readonly script: string };
  };
  readonly ratios: {
    /** Successful holds/s ÷ bare TransactWriteItems/s at the same concurrency. */
    readonly successfulHoldsPerBareTransaction: number;
  };
  readonly inventoryProcess: {
    readonly pid: number;
    /** VmHWM at the end of the run: the highest resident set size since `peakRssFrom` (judged). */
    readonly peakRssMb: number;
    /** Where the judged peak starts: after setup (VmHWM reset), or at process start if that failed. */
    readonly peakRssFrom: string;
    /** The highest resident set size over the process's whole life, CreateEvent of the benchmark events included. */
    readonly peakRssIncludingSetupMb: number;
    /** VmRSS after startup, after setup (events created) and after each phase. */
    readonly rssMbAfter: Readonly<Record<string, number>>;
  };
  /** Counter deltas of the inventory's /metrics per phase. */
  readonly serverMetrics: Readonly<Record<string, PhaseMetrics>>;
  readonly targets: readonly TargetResult<InventoryTargetId>[];
  readonly allTargetsMet: boolean;
}

/** A run's calls as a throughput result, counting `outcome` as the successful kind. */
export function throughputOf(run: RecordedCalls, outcome: string, concurrency: number): ThroughputResult {
  const stats: CallStats | undefined = run.outcomes[outcome];
  return {
    perSecond: stats?.perSecond ?? 0,
    count: stats?.count ?? 0,
    measuredSeconds: run.measuredSeconds,
    concurrency,
    latencyMs: stats?.latencyMs ?? { count: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0 },
    outcomes: Object.fromEntries(Object.entries(run.outcomes).map(([name, value]) => [name, value.count])),
    sampleErrors: run.sampleErrors,
  };
}

/** Latency of an RPC from recorded calls where `ok` is success. */
export function rpcLatencyOf(
  run: RecordedCalls | undefined,
  okOutcome: string,
  serverMeanMs: number | undefined,
  note: string,
): RpcLatency {
  const ok = run?.outcomes[okOutcome];
  const calls = Object.values(run?.outcomes ?? {}).reduce((sum, stats) => sum + stats.count, 0);
  return {
    calls,
    failed: calls - (ok?.count ?? 0),
    latencyMs: ok?.latencyMs ?? { count: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0 },
    serverMeanMs,
    note,
  };
}

/** Measured values the targets judge. */
export interface TargetInputs {
  readonly holdThroughputRatio: number;
  readonly dynamodbCallsPerRejectedHold: number;
  readonly seatMapP95Ms: number;
  readonly seatMapEventSeats: number;
  readonly peakRssMb: number;
}

/** The four targets of the hold path, judged. */
export function judgeTargets(inputs: TargetInputs): TargetResult<InventoryTargetId>[] {
  const target = (
    id: InventoryTargetId,
    description: string,
    comparison: TargetResult['comparison'],
    threshold: number,
    measured: number,
    unit: string,
  ) => judgeTarget({ id, description, comparison, threshold, measured, unit });
  return [
    target(
      'hold-throughput',
      'successful holds/s ≥ 85 % of the bare TransactWriteItems/s ceiling (same concurrency)',
      '>=',
      85,
      round(inputs.holdThroughputRatio * 100, 1),
      '%',
    ),
    target(
      'rejection-dynamodb-calls',
      'DynamoDB calls per hold rejected under contention (Redis up) ≤ 0.05',
      '<=',
      0.05,
      round(inputs.dynamodbCallsPerRejectedHold, 4),
      'calls',
    ),
    target(
      'seat-map-p95',
      `GetSeatMap p95 of a ${inputs.seatMapEventSeats.toLocaleString('en-US')}-seat event ≤ 50 ms (target set for 10,000 seats)`,
      '<=',
      50,
      inputs.seatMapP95Ms,
      'ms',
    ),
    target('inventory-peak-rss', 'inventory peak RSS under load (VmHWM since setup) ≤ 256 MB', '<=', 256, inputs.peakRssMb, 'MB'),
  ];
}
