import { relative } from 'node:path';
import { bundleApp } from '../../build/bundle-app';
import { productionApiNodeOptions } from '../api/run-api-bench';
import { productionInventoryNodeOptions } from '../inventory/run-inventory-bench';
import { seatCount } from '../inventory/scenarios/bench-seats';
import { ensureBenchStandIns, type BenchStandIns } from '../shared/bench-stand-ins';
import type { CleanupStack } from '../shared/cleanup-stack';
import { pidListeningOn, portOf } from '../shared/listening-process';
import { findScalingLimit } from './report/scaling-limit';
import { judgeWorkerTargets, type WorkerBenchReport, type WorkerLevelResult } from './report/worker-bench-report';
import { runWorkerLevel } from './run-worker-level';
import type { WorkerBenchProfile } from './worker-bench-profile';
import { connectBenchRedis } from '../shared/bench-redis';
import { loadAverageNow, machineFacts } from '../shared/machine-facts';

/** NODE_OPTIONS of the worker pods (the same memory settings as the API's and the inventory's: 256 MB limit). */
export const productionWorkerNodeOptions = '--max-old-space-size=128 --max-semi-space-size=4';

/** Where and how to run. */
export interface WorkerBenchRunOptions {
  readonly workspaceRoot: string;
  /** Teardown steps are registered here as resources come up; the caller runs them. */
  readonly cleanup: CleanupStack;
  readonly progress: (message: string) => void;
  /** NODE_OPTIONS of the worker process instead of the production ones. */
  readonly workerNodeOptions?: string | undefined;
}

/**
 * One worker benchmark run: the stand-ins (DynamoDB Local, Redis, the SQS/EventBridge emulator),
 * the three services bundled, then each WORKER_CONCURRENCY level on a fresh stack of its own (see
 * {@link runWorkerLevel}); finally where throughput stops growing and which backend limits it.
 * The inventory, the API and the worker run on plain Node with production NODE_OPTIONS.
 */
export async function runWorkerBenchmark(profile: WorkerBenchProfile, options: WorkerBenchRunOptions): Promise<WorkerBenchReport> {
  const { cleanup, progress, workspaceRoot } = options;
  const startedAt = new Date();
  const loadAverageAtStart = loadAverageNow();

  const standIns = await ensureBenchStandIns(['dynamodb', 'redis', 'aws-emulator'], progress);
  cleanup.push('stop the stand-ins this run started', () => standIns.stop());
  const standInPids = sampledStandIns(standIns);
  progress(`sampling the CPU of ${Object.entries(standInPids).map(([name, pid]) => `${name} (pid ${pid})`).join(', ')}`);

  const redis = await connectBenchRedis(standIns.redisUrl, cleanup);

  progress('bundling the inventory, the reservation API and the reservation worker');
  const [inventoryEntry, apiEntry, workerEntry] = await Promise.all([
    bundleApp('inventory'),
    bundleApp('reservation-api'),
    bundleApp('reservation-worker'),
  ]);
  const workerNodeOptions = options.workerNodeOptions ?? productionWorkerNodeOptions;

  const levels: WorkerLevelResult[] = [];
  for (const level of profile.levels) {
    levels.push(
      await runWorkerLevel(level, {
        workspaceRoot,
        cleanup,
        progress,
        profile,
        standIns,
        standInPids,
        entries: { inventory: inventoryEntry, api: apiEntry, worker: workerEntry },
        nodeOptions: { inventory: productionInventoryNodeOptions, api: productionApiNodeOptions, worker: workerNodeOptions },
        redis,
      }),
    );
  }

  const machine = machineFacts(loadAverageAtStart);
  const targets = judgeWorkerTargets(levels);
  const finishedAt = new Date();
  return {
    schemaVersion: 1,
    benchmark: 'reservation-worker',
    mode: profile.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    machine,
    settings: {
      levels: profile.levels.map((level) => level.concurrency),
      workerEntry: relative(workspaceRoot, workerEntry),
      workerNodeOptions,
      apiEntry: relative(workspaceRoot, apiEntry),
      apiNodeOptions: productionApiNodeOptions,
      inventoryEntry: relative(workspaceRoot, inventoryEntry),
      inventoryNodeOptions: productionInventoryNodeOptions,
      sqsBatchSize: profile.sqs.batchSize,
      sqsWaitTimeSeconds: profile.sqs.waitTimeSeconds,
      seatsPerHold: profile.seatsPerHold,
      eventSeats: seatCount({ eventId: 'any', sections: profile.eventSections }),
      startedStandIns: standIns.started,
      standInPids,
      stack:
        'per level: fresh tables, queues, bus, rules and Redis keys under a new prefix; the inventory and the API (AUTH_MODE=dev-hs256, ' +
        "outbox relay at its 1 s default, rate limiting off) restarted; one event on sale; a new worker process. The inventory's holds " +
        'last its 5-minute default, and a level is torn down before any expires, so no reservation.expired event reaches a worker',
      publishing:
        'payment.approved (source ticketing.payment) to the level\'s bus with PutEvents, one event per call, from a separate ' +
        'load-generator process; the emulator routes it to the worker queue within the call',
    },
    levels,
    scaling: findScalingLimit(levels, machine.cpus),
    workerPeakRssMb: Math.max(...levels.map((level) => level.worker.peakRssMb)),
    targets,
    allTargetsMet: targets.every((target) => target.pass),
  };
}

/**
 * Pids of the stand-ins to sample: the ones local-infra supervises, plus — found by their port — any
 * running without its launch record (started elsewhere), so the CPU tables name every backend.
 */
function sampledStandIns(standIns: BenchStandIns): Record<string, number> {
  const pids: Record<string, number> = { ...standIns.pids };
  const endpoints: Record<string, string> = {
    dynamodb: standIns.dynamodbEndpoint,
    redis: standIns.redisUrl,
    'aws-emulator': standIns.awsEmulatorEndpoint,
  };
  for (const [name, endpoint] of Object.entries(endpoints)) {
    if (pids[name] !== undefined) continue;
    const port = portOf(endpoint);
    const pid = port === undefined ? undefined : pidListeningOn(port);
    if (pid !== undefined) pids[name] = pid;
  }
  return pids;
}
