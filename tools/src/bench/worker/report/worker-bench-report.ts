import type { ProvisionedResources } from '@ticketing/aws';
import type { HistogramDelta } from '../../shared/measure/metric-deltas';
import type { LatencySummary } from '../../shared/load/latency-summary';
import type { LogSummary } from '../../shared/measure/pino-log-summary';
import type { CpuUse } from '../../shared/measure/process-cpu';
import type { ProbeLatencies } from '../backend-probe';
import type { ReservationCheck } from '../reservation-book';
import type { BenchReportHeader } from '../../shared/bench-run';
import { judgeTarget, type TargetResult } from '../../shared/report/targets';

/** The worker benchmark's target. */
export type WorkerTargetResult = TargetResult<'publish-to-final-p95-at-concurrency-10'>;

/** The services' own view of one phase, from their /metrics (deltas over the phase). */
export interface WorkerPhaseServerSide {
  /** `worker_handler_duration_seconds` of payment.approved, handled: receive → settled, per event. */
  readonly workerHandler: HistogramDelta;
  /** `worker_events_total` by outcome (handled, retried, duplicate, …), every detail type. */
  readonly workerOutcomes: Readonly<Record<string, number>>;
  /** `worker_retries_total` by reason. */
  readonly workerRetries: Readonly<Record<string, number>>;
  /** The API's GET /internal/v1/reservations/:id. */
  readonly apiGet: HistogramDelta;
  /** The API's POST /internal/v1/reservations/:id/payment (commits the hold, confirms). */
  readonly apiPayment: HistogramDelta;
  /** The inventory's CommitHold, which the payment route calls. */
  readonly inventoryCommit: HistogramDelta;
  /** The DynamoDB TransactWriteItems inside CommitHold (`inventory_dynamodb_transaction_seconds`, commit). */
  readonly inventoryCommitTransaction: HistogramDelta;
  /** Outbox events the API's relay published (reservation.confirmed, one per confirmation). */
  readonly outboxPublished: number;
}

/** Who used the CPU over a phase (% of one core; the worker, API, inventory and stand-ins by name). */
export type PhaseCpu = CpuUse;

/** The backlog drain of one level: how many events per second the worker brings to their final state. */
export interface WorkerDrainResult {
  readonly method: string;
  /** Events published before the worker started (warm-up + measured). */
  readonly backlogEvents: number;
  /** How long publishing the backlog took (the worker was not running yet). */
  readonly publishSeconds: number;
  readonly warmupEvents: number;
  /** Events handled after the warm-up ones, and the time from the last warm-up one to the last of all. */
  readonly measuredEvents: number;
  readonly windowSeconds: number;
  /** measuredEvents ÷ windowSeconds: the level's throughput. */
  readonly eventsPerSecond: number;
  /** Every backlog event over the time from the worker logging `consuming` to the last one handled (start-up included). */
  readonly fromStartEventsPerSecond: number;
  /** Backlog events that did not reach their final state within the settle timeout. */
  readonly missing: number;
  /** Handler results (`confirmed`, …) of the backlog events. */
  readonly results: Readonly<Record<string, number>>;
  /** Backlog events finished by a redelivery (receive count > 1): a retry happened. */
  readonly redelivered: number;
  /**
   * Messages in the worker's hands at once on average, by Little's law (events/s × the handler's
   * mean time), out of WORKER_CONCURRENCY: how much of its concurrency the worker actually used.
   * A consumer receives a batch, handles it together and receives again only when the slowest
   * message of the batch is done, so slots stand idle meanwhile.
   */
  readonly averageInFlight: number;
  readonly cpu: PhaseCpu;
  /** How long each shared backend took to answer a trivial call during the drain (see BackendProbe). */
  readonly backendProbeMs: ProbeLatencies;
  readonly serverSide: WorkerPhaseServerSide;
}

/** The open loop of one level: publish → final state under a steady arrival rate. */
export interface WorkerLatencyResult {
  readonly method: string;
  readonly fractionOfThroughput: number;
  readonly targetRatePerSecond: number;
  readonly offeredPerSecond: number;
  /** How late the generator sent PutEvents calls after they came due, p99. */
  readonly sendLagP99Ms: number;
  /** PutEvents calls by outcome (`published`; `error` and `client_backlog` mean events never published). */
  readonly publishOutcomes: Readonly<Record<string, number>>;
  readonly published: number;
  readonly handled: number;
  readonly missing: number;
  /** Due time of the PutEvents call → the worker's `event handled` line, over the handled events. */
  readonly latencyMs: LatencySummary;
  /** The PutEvents calls alone (the emulator routes the event into the queue within the call). */
  readonly putEventsMs: LatencySummary;
  readonly results: Readonly<Record<string, number>>;
  readonly redelivered: number;
  readonly cpu: PhaseCpu;
  readonly backendProbeMs: ProbeLatencies;
  readonly serverSide: WorkerPhaseServerSide;
}

/** Everything measured at one WORKER_CONCURRENCY. */
export interface WorkerLevelResult {
  readonly concurrency: number;
  /** Prefix of the level's own tables, queues, bus, rules and Redis keys. */
  readonly prefix: string;
  readonly resources: ProvisionedResources;
  readonly setup: {
    readonly reservationsCreated: number;
    readonly seconds: number;
    /** Seconds waited, per wait, for the API's outbox relay to publish the reservation.created backlog before a phase. */
    readonly outboxSettleSeconds: readonly number[];
  };
  /** The same probe for a while before the worker started, with nothing else of this run going on. */
  readonly idleBackendProbeMs: ProbeLatencies;
  readonly drain: WorkerDrainResult;
  readonly latency: WorkerLatencyResult;
  /** Every reservation of the level read back through the API at the end. */
  readonly verification: ReservationCheck;
  readonly worker: {
    readonly pid: number;
    /** VmHWM over the process's life (start-up, drain, open loop). */
    readonly peakRssMb: number;
    readonly rssMbAfter: Readonly<Record<string, number>>;
    readonly exitCode: number | null;
    readonly logs: LogSummary;
    /** `worker_events_total` over the whole level by `type outcome`. */
    readonly events: Readonly<Record<string, number>>;
    /** `worker_dlq_sends_total` over the whole level by reason. */
    readonly deadLetters: Readonly<Record<string, number>>;
  };
  readonly api: { readonly pid: number; readonly peakRssMb: number; readonly logs: LogSummary };
  readonly inventory: { readonly pid: number; readonly peakRssMb: number };
}

/** Where throughput stops growing with concurrency, and which process is the limit there. */
export interface ScalingFinding {
  readonly method: string;
  readonly steps: readonly {
    readonly concurrency: number;
    readonly eventsPerSecond: number;
    /** Relative to the level before (0.5 = +50 %); absent for the first. */
    readonly gainOverPrevious?: number;
  }[];
  /** The first level that gained less than `minimumGain` over the one before; absent when every step still grew. */
  readonly stopsGrowingAt?: number;
  readonly minimumGain: number;
  /** The level whose drain CPU names the limit: `stopsGrowingAt`, else the highest level. */
  readonly judgedAtConcurrency: number;
  /** The shared backends by how much slower they answered a trivial call during that drain than idle (BackendProbe p50s). */
  readonly queueing: readonly {
    readonly backend: string;
    readonly idleP50Ms: number;
    readonly drainP50Ms: number;
    readonly slowdown: number;
  }[];
  /** Processes by how busy they were relative to what they can use (one core for single-threaded ones). */
  readonly busiest: readonly {
    readonly process: string;
    readonly percentOfCore: number;
    /** What the process can use, in % of one core: 100 for one thread (Node's event loop, Python's GIL, Redis), all cores for the JVM. */
    readonly capacityPercent: number;
    readonly utilisation: number;
  }[];
  readonly machineBusyPercent: number;
  /** The backend named as the limit. */
  readonly limit: string;
  readonly statement: string;
}

/** Everything `npm run bench:worker` measured; written as JSON, rendered as a table. */
export interface WorkerBenchReport extends BenchReportHeader<'reservation-worker'> {
  readonly settings: {
    readonly levels: readonly number[];
    readonly workerEntry: string;
    readonly workerNodeOptions: string;
    readonly apiEntry: string;
    readonly apiNodeOptions: string;
    readonly inventoryEntry: string;
    readonly inventoryNodeOptions: string;
    readonly sqsBatchSize: number;
    readonly sqsWaitTimeSeconds: number;
    readonly seatsPerHold: number;
    readonly eventSeats: number;
    readonly startedStandIns: readonly string[];
    /** Pid of each stand-in whose CPU was sampled. */
    readonly standInPids: Readonly<Record<string, number>>;
    readonly stack: string;
    readonly publishing: string;
  };
  readonly levels: readonly WorkerLevelResult[];
  readonly scaling: ScalingFinding;
  /** The worker's largest VmHWM over all levels. */
  readonly workerPeakRssMb: number;
  readonly targets: readonly WorkerTargetResult[];
  readonly allTargetsMet: boolean;
}

/** Events in the open loop at concurrency 10 must reach their final state within a second at p95. */
export const publishToFinalP95ThresholdMs = 1_000;
/** The concurrency the target is judged at. */
export const targetConcurrency = 10;

/** Judges the target from the open loop at concurrency 10 (a MISS when that level did not run). */
export function judgeWorkerTargets(levels: readonly WorkerLevelResult[]): WorkerTargetResult[] {
  const level = levels.find((candidate) => candidate.concurrency === targetConcurrency);
  const latency = level?.latency;
  const notes: string[] = [];
  if (!latency) notes.push(`concurrency ${targetConcurrency} was not run`);
  else {
    if (latency.missing > 0) notes.push(`${latency.missing} of ${latency.published} events did not reach their final state`);
    const unpublished = latency.publishOutcomes['error'] ?? 0;
    if (unpublished > 0) notes.push(`${unpublished} PutEvents calls failed`);
    if (latency.handled === 0) notes.push('no event was handled');
  }
  return [
    judgeTarget(
      {
        id: 'publish-to-final-p95-at-concurrency-10',
        description: `publish → final state p95 at WORKER_CONCURRENCY ${targetConcurrency} (open loop at ${latency?.targetRatePerSecond ?? '-'}/s)`,
        threshold: publishToFinalP95ThresholdMs,
        comparison: '<=',
        measured: latency?.latencyMs.p95 ?? 0,
        unit: 'ms',
      },
      notes,
    ),
  ];
}
