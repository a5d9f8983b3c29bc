import type { ProvisionedResources } from '@ticketing/aws';
import type { PhaseMetrics } from '../../inventory/service-metrics';
import type { BenchEventSummary } from '../../shared/bench-event';
import type { BenchReportHeader } from '../../shared/bench-run';
import type { LatencySummary } from '../../shared/load/latency-summary';
import type { CpuUse } from '../../shared/measure/process-cpu';
import type { HistogramDelta } from '../../shared/measure/metric-deltas';
import type { LogSummary } from '../../shared/measure/pino-log-summary';
import { round } from '../../shared/numbers';
import { judgeTarget, type TargetResult } from '../../shared/report/targets';
import type { RefusalsWhileFree } from '../analysis/refusals-while-free';
import type { SaleInvariants } from '../analysis/sale-invariants';
import type { SellOut } from '../analysis/sell-out';
import type { StreamDelivery } from '../analysis/stream-delivery';
import type { BuyerMix, OnSaleScenarioResult, SaleSecond } from '../scenarios/onsale-scenario-plan';

type WatchersResult = Extract<OnSaleScenarioResult, { scenario: 'onsale-watchers' }>;

export type OnSaleTargetId =
  | 'invariants'
  | 'contended-rejection-rate'
  | 'dynamodb-calls-per-refused-post'
  | 'refusals-while-free'
  | 'server-errors'
  | 'sell-out-time'
  | 'stream-delivery-p95';
export type OnSaleTargetResult = TargetResult<OnSaleTargetId>;

/** Calls of one endpoint: how many, how they ended, how long they took (client side). */
export interface EndpointCalls {
  readonly count: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** Every outcome together. */
  readonly latencyMs: LatencySummary;
  /** The expected outcome's latency, when there is one (`201`, `409 INVENTORY_CONFLICT`, …), by outcome. */
  readonly latencyByOutcomeMs: Readonly<Record<string, LatencySummary>>;
}

/** A contended phase: every request asks for seats that are all held. */
export interface ContendedPhase {
  readonly concurrency: number;
  readonly refusals: number;
  readonly perSecond: number;
  readonly latencyMs: LatencySummary;
  readonly outcomes: Readonly<Record<string, number>>;
  /** DynamoDB calls the service made over the phase (the API's or the inventory's counter). */
  readonly dynamodbCalls: Readonly<Record<string, number>>;
  readonly dynamodbCallsPerRefusal: number;
  readonly cpuMsPerRefusal: Readonly<Record<string, number>>;
}

/** A stretch of the sale around the Redis outage (`--kill-redis`). */
export interface OutageWindow {
  readonly name: string;
  /** Seconds from the first buyer. */
  readonly fromSecond: number;
  readonly toSecond: number;
  /** Requests sent in it (to the second) and their 5xx or unanswered ones (exactly). */
  readonly requests: number;
  readonly serverErrors: number;
  readonly refused: number;
  readonly created: number;
}

/** Everything `npm run bench:onsale` measured; written as JSON, rendered as text. */
export interface OnSaleBenchReport extends BenchReportHeader<'onsale'> {
  readonly settings: {
    readonly event: BenchEventSummary & { readonly layout: string };
    readonly mix: BuyerMix;
    readonly buyerConcurrency: number;
    readonly saleLimitSeconds: number;
    readonly watchers: number;
    readonly sampledWatchers: number;
    readonly killRedis: boolean;
    readonly redis: string;
    readonly outboxRelay: string;
    readonly users: string;
    readonly startedStandIns: readonly string[];
    readonly resources: readonly ProvisionedResources[];
    readonly apiEntry: string;
    readonly apiNodeOptions: string;
    readonly inventoryEntry: string;
    readonly inventoryNodeOptions: string;
  };
  readonly sale: {
    readonly method: string;
    readonly seconds: number;
    readonly admitted: number;
    readonly notAdmitted: number;
    /** How the buyers' journeys ended. */
    readonly journeys: Readonly<Record<string, number>>;
    readonly created: number;
    readonly refused: number;
    readonly refusedPerSecond: number;
    readonly cancelled: number;
    readonly sellOut: SellOut;
    /** Second by second, from the first buyer. */
    readonly perSecond: readonly SaleSecond[];
  };
  readonly endpoints: Readonly<Record<string, EndpointCalls>>;
  readonly watchers: Pick<
    WatchersResult,
    'connected' | 'failedToConnect' | 'neverAnswered' | 'connectErrors' | 'droppedEarly' | 'extraSnapshots' | 'seatEvents'
  > & { readonly megabytesReceived: number; readonly changesRecorded: number };
  readonly streamDelivery: StreamDelivery;
  readonly refusalsWhileFree: RefusalsWhileFree;
  readonly serverErrors: {
    /** 5xx answers and requests without an answer, of the sale and of every other phase. */
    readonly total: number;
    readonly sale: number;
    readonly byOutcome: Readonly<Record<string, number>>;
    readonly otherPhases: Readonly<Record<string, number>>;
  };
  readonly dynamodb: {
    readonly method: string;
    /** The API's calls over the sale by operation, what its granted POSTs and cancels account for, and the rest. */
    readonly sale: {
      readonly apiCalls: Readonly<Record<string, number>>;
      readonly accountedFor: Readonly<Record<string, number>>;
      readonly unaccounted: number;
      readonly refusedPosts: number;
      readonly perRefusedPost: number;
      /** The inventory's counters over the sale: DynamoDB calls, holds by outcome, Redis gate, seat views, server-side means. */
      readonly inventory: PhaseMetrics;
      /** The inventory's hold transactions (inventory_dynamodb_transaction_seconds{operation="hold"}): time, and count by outcome. */
      readonly holdTransactions: HistogramDelta & { readonly byOutcome: Readonly<Record<string, number>> };
    };
  };
  readonly contended: {
    readonly method: string;
    readonly inventory: ContendedPhase;
    readonly api: ContendedPhase;
    /** API 409/s ÷ inventory rejections/s. */
    readonly ratio: number;
  };
  readonly ceiling: {
    readonly method: string;
    readonly holds: number;
    readonly seats: number;
    readonly concurrency: number;
    readonly seconds: number;
    readonly perSecond: number;
    readonly errors: number;
    /** Sell-out time ÷ the ceiling's time. */
    readonly sellOutRatio: number;
  };
  readonly payments: { readonly count: number; readonly outcomes: Readonly<Record<string, number>>; readonly latencyMs: LatencySummary };
  readonly cpu: {
    readonly method: string;
    readonly sale: CpuUse & {
      readonly apiRequests: number;
      readonly inventoryRpcs: number;
      /** CPU ms per API request (every route), by process. */
      readonly msPerApiRequest: Readonly<Record<string, number>>;
    };
  };
  readonly processes: {
    readonly api: { readonly pid: number; readonly peakRssMb: number; readonly logs: LogSummary };
    readonly inventory: { readonly pid: number; readonly peakRssMb: number; readonly logs: LogSummary };
  };
  /** `--kill-redis` only. */
  readonly redisOutage?: {
    readonly killed: boolean;
    readonly killedAtSecond: number | undefined;
    readonly restartedAtSecond: number | undefined;
    readonly windows: readonly OutageWindow[];
    readonly note: string;
  };
  readonly invariants: SaleInvariants;
  readonly notes: readonly string[];
  readonly targets: readonly OnSaleTargetResult[];
  readonly allTargetsMet: boolean;
}

/** Measured values the targets judge. */
export interface OnSaleTargetInputs {
  readonly invariantViolations: number;
  readonly contendedRatio: number;
  readonly apiRejectionsPerSecond: number;
  readonly inventoryRejectionsPerSecond: number;
  readonly dynamodbCallsPerRefusedPost: number;
  readonly refusalsWhileFree: number;
  readonly serverErrors: number;
  readonly killRedis: boolean;
  readonly sellOutRatio: number;
  readonly sellOutSeconds: number;
  readonly ceilingSeconds: number;
  readonly sellOutReached: boolean;
  readonly streamDeliveryP95Ms: number;
  readonly streamDeliveries: number;
}

/** The on-sale's targets, judged. */
export function judgeOnSaleTargets(inputs: OnSaleTargetInputs): OnSaleTargetResult[] {
  return [
    judgeTarget({
      id: 'invariants',
      description: 'after the sale, seats held or sold twice, or HELD/SOLD seats without exactly one HOLD/CONFIRMED reservation (DynamoDB scanned)',
      comparison: '<=',
      threshold: 0,
      measured: inputs.invariantViolations,
      unit: 'violations',
    }),
    judgeTarget({
      id: 'contended-rejection-rate',
      description:
        `contended POST → 409 through the API (${round(inputs.apiRejectionsPerSecond, 0)}/s) ÷ contended holds refused straight by ` +
        `the inventory (${round(inputs.inventoryRejectionsPerSecond, 0)}/s), same clients, same run ≥ 50 %`,
      comparison: '>=',
      threshold: 50,
      measured: round(inputs.contendedRatio * 100, 1),
      unit: '%',
    }),
    judgeTarget({
      id: 'dynamodb-calls-per-refused-post',
      description: "the API's DynamoDB calls per refused POST during the sale (outbox relay off; granted POSTs' and cancels' own calls taken out) = 0",
      comparison: '<=',
      threshold: 0,
      measured: round(inputs.dynamodbCallsPerRefusedPost, 4),
      unit: 'calls',
    }),
    judgeTarget({
      id: 'refusals-while-free',
      description: 'refused POSTs while seats that met the request were free (estimate from the seat stream) = 0',
      comparison: '<=',
      threshold: 0,
      measured: inputs.refusalsWhileFree,
      unit: 'refusals',
    }),
    judgeTarget({
      id: 'server-errors',
      description: `5xx answers and unanswered requests, whole run${inputs.killRedis ? ', Redis killed mid-sale' : ''} = 0`,
      comparison: '<=',
      threshold: 0,
      measured: inputs.serverErrors,
      unit: 'requests',
    }),
    judgeTarget(
      {
        id: 'sell-out-time',
        description:
          `time to sell out (${inputs.sellOutSeconds} s) ÷ the bare DynamoDB ceiling's time for the same holds ` +
          `(${round(inputs.ceilingSeconds, 2)} s) ≤ 1.3`,
        comparison: '<=',
        threshold: 1.3,
        measured: round(inputs.sellOutRatio, 2),
        unit: '×',
      },
      inputs.sellOutReached ? [] : ['the event did not sell out within the sale'],
    ),
    judgeTarget(
      {
        id: 'stream-delivery-p95',
        description: "seat-stream delivery p95 (a POST's 201 → a sampled watcher receives the event naming its seat) ≤ 1 s",
        comparison: '<=',
        threshold: 1_000,
        measured: inputs.streamDeliveryP95Ms,
        unit: 'ms',
      },
      inputs.streamDeliveries > 0 ? [] : ['no delivery was timed'],
    ),
  ];
}
