import type { DemoSection } from '@ticketing/testing';
import { benchSections } from '../shared/bench-event';

/** One concurrency level: how much backlog the worker drains. */
export interface WorkerLevelProfile {
  /** WORKER_CONCURRENCY of the level's worker process. */
  readonly concurrency: number;
  /**
   * The first events handled from the backlog are not counted in the drain rate: the fresh worker
   * opens its connections and the JIT warms up on them.
   */
  readonly warmupEvents: number;
  /** Events drained after the warm-up: the drain rate is these over the time they took. */
  readonly measuredEvents: number;
}

/** Everything that sizes one worker benchmark run. */
export interface WorkerBenchProfile {
  readonly mode: 'full' | 'quick';
  readonly levels: readonly WorkerLevelProfile[];
  /** Seats per reservation (adjacent, one row). */
  readonly seatsPerHold: number;
  /** POST /v1/reservations (and the final GETs) in flight while preparing and checking. */
  readonly setupConcurrency: number;
  /** PutEvents calls in flight while the backlog is published. */
  readonly backlogPublishConcurrency: number;
  /** The open-loop run that times publish → final state, after the drain. */
  readonly latency: {
    /** Arrival rate as a share of the level's drain rate: busy, with room to spare. */
    readonly fractionOfThroughput: number;
    readonly durationMs: number;
    /** Cap on the events of one open-loop run (each needs a reservation prepared before). */
    readonly maxEvents: number;
    readonly maxInFlight: number;
  };
  /** How long the backends are timed while idle, before each level's worker starts (the probe's baseline). */
  readonly idleProbeMs: number;
  /** How long a phase may wait for its last event to reach its final state before it counts as missing. */
  readonly settleTimeoutMs: number;
  /** The worker's SQS settings (SQS_BATCH_SIZE, SQS_WAIT_TIME_SECONDS). */
  readonly sqs: { readonly batchSize: number; readonly waitTimeSeconds: number };
  /** The event every level's reservations take seats in (each level has its own copy in its own tables). */
  readonly eventSections: readonly DemoSection[];
}

/**
 * The real run, about 3½ minutes on a 2-core box: at each level a backlog the worker needs several
 * seconds for, then a 10-second open loop at half of the rate it drained at. Concurrency 10 and 50
 * drain backlogs of the same size: the emulator's SQS scans every message of a queue per receive
 * and per delete, so a longer queue would make its calls dearer and tilt the comparison.
 */
export const fullWorkerProfile: WorkerBenchProfile = {
  mode: 'full',
  levels: [
    { concurrency: 1, warmupEvents: 20, measuredEvents: 150 },
    { concurrency: 10, warmupEvents: 50, measuredEvents: 750 },
    { concurrency: 50, warmupEvents: 100, measuredEvents: 700 },
  ],
  seatsPerHold: 2,
  setupConcurrency: 8,
  backlogPublishConcurrency: 16,
  latency: { fractionOfThroughput: 0.5, durationMs: 10_000, maxEvents: 1_500, maxInFlight: 64 },
  idleProbeMs: 3_000,
  settleTimeoutMs: 60_000,
  sqs: { batchSize: 10, waitTimeSeconds: 2 },
  // 16 × 800 seats = 6,400 two-seat reservations: the largest level's backlog and open loop.
  eventSections: benchSections(16, 25, 32),
};

/** The smoke-test run: every level with a tiny backlog and a 2-second open loop; numbers mean little. */
export const quickWorkerProfile: WorkerBenchProfile = {
  mode: 'quick',
  levels: [
    { concurrency: 1, warmupEvents: 3, measuredEvents: 10 },
    { concurrency: 10, warmupEvents: 10, measuredEvents: 30 },
    { concurrency: 50, warmupEvents: 10, measuredEvents: 40 },
  ],
  seatsPerHold: 2,
  setupConcurrency: 8,
  backlogPublishConcurrency: 8,
  // As many publishes in flight as the full run allows: in CI the emulator is shared with every other
  // test project, and a PutEvents can take seconds there; the open loop must not run out of slots.
  latency: { fractionOfThroughput: 0.5, durationMs: 2_000, maxEvents: 60, maxInFlight: 64 },
  idleProbeMs: 1_000,
  settleTimeoutMs: 30_000,
  sqs: { batchSize: 10, waitTimeSeconds: 2 },
  eventSections: benchSections(2, 10, 20),
};
