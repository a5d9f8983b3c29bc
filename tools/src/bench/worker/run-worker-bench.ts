import { seatCount } from '../shared/bench-event';
import { BenchRun, type BenchContext } from '../shared/bench-run';
import { withVerdict } from '../shared/report/targets';
import type { BenchStandIns } from '../shared/stack/bench-stand-ins';
import { pidListeningOn, portOf } from '../shared/stack/listening-process';
import { productionNodeOptions } from '../shared/stack/service-child';
import { findScalingLimit } from './report/scaling-limit';
import { judgeWorkerTargets, type WorkerBenchReport, type WorkerLevelResult } from './report/worker-bench-report';
import { runWorkerLevel } from './run-worker-level';
import type { WorkerBenchProfile } from './worker-bench-profile';

/** Where and how to run. */
export interface WorkerBenchRunOptions extends BenchContext {
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
  const { progress } = options;
  const run = await BenchRun.start(options, ['dynamodb', 'redis', 'aws-emulator']);
  const { standIns } = run;
  const standInPids = sampledStandIns(standIns);
  progress(`sampling the CPU of ${Object.entries(standInPids).map(([name, pid]) => `${name} (pid ${pid})`).join(', ')}`);

  const redis = await run.connectRedis();
  const entries = await run.bundle('inventory', 'reservation-api', 'reservation-worker');
  const workerNodeOptions = options.workerNodeOptions ?? productionNodeOptions;

  const levels: WorkerLevelResult[] = [];
  for (const level of profile.levels) {
    levels.push(
      await runWorkerLevel(level, {
        run,
        profile,
        standInPids,
        entries: { inventory: entries.inventory, api: entries['reservation-api'], worker: entries['reservation-worker'] },
        nodeOptions: { inventory: productionNodeOptions, api: productionNodeOptions, worker: workerNodeOptions },
        redis,
      }),
    );
  }

  const header = run.header('reservation-worker', profile.mode);
  return {
    ...header,
    settings: {
      levels: profile.levels.map((level) => level.concurrency),
      workerEntry: run.relative(entries['reservation-worker']),
      workerNodeOptions,
      apiEntry: run.relative(entries['reservation-api']),
      apiNodeOptions: productionNodeOptions,
      inventoryEntry: run.relative(entries.inventory),
      inventoryNodeOptions: productionNodeOptions,
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
    scaling: findScalingLimit(levels, header.machine.cpus),
    workerPeakRssMb: Math.max(...levels.map((level) => level.worker.peakRssMb)),
    ...withVerdict(judgeWorkerTargets(levels)),
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
