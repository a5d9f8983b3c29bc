import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { createAwsClients, deleteResources, provisionedTable, provisionResources } from '@ticketing/aws';
import { bundleApp } from '../../build/bundle-app';
import type { BenchProfile } from './bench-profile';
import { BenchSetup } from './bench-setup';
import { ensureBenchStandIns } from '../shared/bench-stand-ins';
import type { CleanupStack } from '../shared/cleanup-stack';
import { startInventoryProcess } from './inventory-process';
import { runLoadGenerator } from './load-generator.process';
import {
  judgeTargets,
  rpcLatencyOf,
  throughputOf,
  type InventoryBenchReport,
} from './report/bench-report';
import { seatCount } from './scenarios/bench-seats';
import type { BenchEvent, ScenarioPlan, ScenarioResult } from './scenarios/scenario-plan';
import { scrapeMetrics } from '../shared/metrics-exposition';
import { phaseMetrics, total, type PhaseMetrics } from './service-metrics';
import { connectBenchRedis } from '../shared/bench-redis';
import { loadAverageNow, machineFacts } from '../shared/machine-facts';

/** Where and how to run. */
/**
 * NODE_OPTIONS the README recommends for inventory pods with a 256 MB memory limit: a capped old
 * generation (V8 otherwise lets garbage grow towards its 4 GB default on a big machine) and a small
 * young generation, so the cap does not turn into back-to-back full collections.
 */
export const productionInventoryNodeOptions = '--max-old-space-size=128 --max-semi-space-size=4';

export interface BenchRunOptions {
  readonly workspaceRoot: string;
  /** Teardown steps are registered here as resources come up; the caller runs them. */
  readonly cleanup: CleanupStack;
  readonly progress: (message: string) => void;
  /** Profile the inventory process with V8's CPU profiler into this directory. */
  readonly cpuProfileDir?: string | undefined;
  /** Extra NODE_OPTIONS for the inventory process (heap limits, diagnostics). */
  readonly inventoryNodeOptions?: string | undefined;
  /** Run this file instead of apps/inventory/src/main.ts (e.g. a bundled build; `.ts` runs through tsx). */
  readonly inventoryEntry?: string | undefined;
}

const inventoryTables = ['inventory-events', 'inventory-seats', 'inventory-holds'];

/**
 * One benchmark run: stand-ins, fresh tables and Redis keys, the inventory as a process, three
 * events, then each scenario in its own load-generator process with /metrics scraped around it.
 * Everything it brings up is registered on `options.cleanup` the moment it exists.
 */
export async function runInventoryBenchmark(profile: BenchProfile, options: BenchRunOptions): Promise<InventoryBenchReport> {
  const { cleanup, progress, workspaceRoot } = options;
  const startedAt = new Date();
  const loadAverageAtStart = loadAverageNow();

  const standIns = await ensureBenchStandIns(['dynamodb', 'redis'], progress);
  cleanup.push('stop the stand-ins this run started', () => standIns.stop());

  const prefix = `bench-${randomBytes(4).toString('hex')}-`;
  const aws = createAwsClients({ region: standIns.region, dynamodbEndpoint: standIns.dynamodbEndpoint });
  cleanup.push('close the AWS clients', async () => aws.destroy());
  progress(`provisioning tables with prefix ${prefix}`);
  const [serviceTables, bareTables] = await Promise.all([
    provisionResources(aws, { prefix, only: { tables: inventoryTables } }),
    provisionResources(aws, { prefix: `${prefix}bare-`, only: { tables: ['inventory-seats', 'inventory-holds'] } }),
  ]);
  cleanup.push('delete the benchmark tables', () => Promise.all([deleteResources(aws, serviceTables), deleteResources(aws, bareTables)]));

  await connectBenchRedis(standIns.redisUrl, cleanup, { deleteKeysUnder: prefix });

  const adminToken = randomBytes(24).toString('hex');
  progress('starting the inventory process');
  // By default the inventory runs as in production: the bundle on plain Node, with the memory
  // settings the README recommends for its pods (--inventory-entry/--inventory-node-options override).
  const inventoryEntry = options.inventoryEntry ?? (await bundleApp('inventory'));
  const inventoryNodeOptions = options.inventoryNodeOptions ?? productionInventoryNodeOptions;
  const inventory = await startInventoryProcess({
    entry: inventoryEntry,
    region: standIns.region,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    redisUrl: standIns.redisUrl,
    resourcePrefix: prefix,
    redisKeyPrefix: prefix,
    adminToken,
    cpuProfileDir: options.cpuProfileDir,
    nodeOptions: inventoryNodeOptions,
  });
  cleanup.push('stop the inventory process', () => inventory.stop());
  const target = { grpcAddress: inventory.grpcAddress };
  // Resident memory after each step: where the peak comes from, when it is too high.
  const rssMbAfter: Record<string, number> = { startup: await inventory.rssMb() };

  const events = {
    large: { eventId: `${prefix}large`, sections: profile.largeEvent },
    contended: { eventId: `${prefix}contended`, sections: profile.contendedEvent },
    seatMap: { eventId: `${prefix}seatmap`, sections: profile.seatMapEvent },
  } satisfies Record<string, BenchEvent>;
  const setup = new BenchSetup(target, adminToken);
  try {
    for (const event of Object.values(events)) {
      const seats = seatCount(event);
      progress(`creating event ${event.eventId} (${seats.toLocaleString('en-US')} seats)`);
      await setup.createEvent(event);
    }
    progress('holding every seat of the contended event, and some of the seat-map event');
    await setup.holdGroups(events.contended, profile.seatsPerHold, { concurrency: 8 });
    await setup.holdGroups(events.seatMap, profile.seatsPerHold, { count: profile.seatMapHeldGroups, concurrency: 16 });
  } finally {
    setup.close();
  }
  rssMbAfter['setup'] = await inventory.rssMb();
  // Creating the events is an organiser's one-off, not load: the judged peak starts after it.
  const peakBeforeLoadMb = await inventory.peakRssMb();
  const peakResetAfterSetup = await inventory.resetPeakRss();

  const serverMetrics: Record<string, PhaseMetrics> = {};
  const phase = async <Name extends ScenarioPlan['scenario']>(
    plan: Extract<ScenarioPlan, { scenario: Name }>,
    expectedMs: number,
    label: string = plan.scenario,
  ): Promise<Extract<ScenarioResult, { scenario: Name }>> => {
    progress(`running ${label} (~${Math.round(expectedMs / 1000)} s)`);
    const before = await scrapeMetrics(inventory.metricsUrl);
    const result = await runLoadGenerator(plan, { workspaceRoot, hardLimitMs: expectedMs + 60_000 });
    serverMetrics[label] = phaseMetrics(before, await scrapeMetrics(inventory.metricsUrl));
    rssMbAfter[label] = await inventory.rssMb();
    return result;
  };
  const loadMs = (shape: { warmupMs: number; durationMs: number }) => shape.warmupMs + shape.durationMs;

  const { rounds, window, firstWarmupMs } = profile.holdsVersusCeiling;
  const holdsVersusCeiling = await phase(
    {
      scenario: 'holds-vs-ceiling',
      target,
      event: events.large,
      seatsPerHold: profile.seatsPerHold,
      keepHolds: profile.lifecycleHolds,
      rounds,
      window,
      firstWarmupMs,
      aws: { region: standIns.region, dynamodbEndpoint: standIns.dynamodbEndpoint },
      tables: {
        seatsTable: provisionedTable(bareTables, 'inventory-seats').name,
        holdsTable: provisionedTable(bareTables, 'inventory-holds').name,
      },
    },
    2 * (firstWarmupMs + rounds * loadMs(window)),
  );
  const lifecycle = await phase(
    {
      scenario: 'hold-lifecycle',
      target,
      concurrency: profile.lifecycleConcurrency,
      eventId: events.large.eventId,
      holds: holdsVersusCeiling.kept,
    },
    profile.lifecycleHolds * 20,
  );
  const contended = await phase(
    { scenario: 'contended-holds', target, load: profile.contendedHolds, event: events.contended, seatsPerHold: profile.seatsPerHold },
    loadMs(profile.contendedHolds),
  );
  const seatMap = await phase(
    { scenario: 'seat-map', target, eventId: events.seatMap.eventId, warmupCalls: profile.seatMapWarmupCalls, calls: profile.seatMapCalls },
    (profile.seatMapWarmupCalls + profile.seatMapCalls) * 200,
  );
  const redisCeiling = await phase(
    { scenario: 'redis-ceiling', load: profile.redisCeiling, redisUrl: standIns.redisUrl, keyPrefix: `${prefix}ceiling:` },
    loadMs(profile.redisCeiling),
  );
  const peakRssMb = await inventory.peakRssMb();

  const holdMetrics = serverMetrics['holds-vs-ceiling'];
  const contendedMetrics = serverMetrics['contended-holds'];
  const perHold = (calls: number, holds: number) => (holds > 0 ? calls / holds : Number.NaN);
  const dynamodbCallsPerSuccessfulHold = perHold(total(holdMetrics?.dynamodbCalls ?? {}), holdMetrics?.holds['held'] ?? 0);
  const dynamodbCallsPerRejectedHold = perHold(total(contendedMetrics?.dynamodbCalls ?? {}), contendedMetrics?.holds['conflict'] ?? 0);
  const holdThroughput = throughputOf(holdsVersusCeiling.holds, 'held', window.concurrency);
  const ceilingThroughput = throughputOf(holdsVersusCeiling.ceiling, 'ok', window.concurrency);
  const ratio = ceilingThroughput.perSecond > 0 ? holdThroughput.perSecond / ceilingThroughput.perSecond : 0;
  const windowRates = (side: 'holds' | 'ceiling') =>
    holdsVersusCeiling.windows.filter((entry) => entry.side === side).map((entry) => entry.perSecond);
  const serverMean = (phaseName: string, method: string) => serverMetrics[phaseName]?.serverMeanMs[method];
  const lifecycleRpc = (rpc: string, note: string) =>
    rpcLatencyOf(lifecycle.rpcs[rpc], 'ok', serverMean('hold-lifecycle', rpc), note);
  const largeSectionSeats = (profile.largeEvent[0]?.rows ?? 0) * (profile.largeEvent[0]?.seatsPerRow ?? 0);
  const finishedAt = new Date();

  return {
    schemaVersion: 1,
    benchmark: 'inventory',
    mode: profile.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    machine: machineFacts(loadAverageAtStart),
    settings: {
      concurrency: profile.concurrency,
      holdsVersusCeiling: profile.holdsVersusCeiling,
      seatsPerHold: profile.seatsPerHold,
      events: {
        large: { eventId: events.large.eventId, seats: seatCount(events.large), sections: events.large.sections.length },
        contended: { eventId: events.contended.eventId, seats: seatCount(events.contended), sections: events.contended.sections.length },
        seatMap: { eventId: events.seatMap.eventId, seats: seatCount(events.seatMap), sections: events.seatMap.sections.length },
      },
      startedStandIns: standIns.started,
      resources: [serviceTables, bareTables],
      redisKeyPrefix: prefix,
      inventoryNodeOptions,
      inventoryEntry: relative(workspaceRoot, inventoryEntry),
    },
    holds: {
      uncontended: {
        ...holdThroughput,
        windowRates: windowRates('holds'),
        dynamodbCallsPerSuccessfulHold: round(dynamodbCallsPerSuccessfulHold, 4),
        seatsLeft: holdsVersusCeiling.seatsLeft,
      },
      contended: {
        ...throughputOf(contended.run, 'inventory_conflict', profile.contendedHolds.concurrency),
        dynamodbCallsPerRejectedHold: round(dynamodbCallsPerRejectedHold, 4),
        redisUp: (contendedMetrics?.redisGate['bypassed'] ?? 0) === 0,
      },
    },
    rpcs: {
      HoldSeats: rpcLatencyOf(holdsVersusCeiling.holds, 'held', serverMean('holds-vs-ceiling', 'HoldSeats'), 'uncontended, successful'),
      CommitHold: lifecycleRpc('CommitHold', 'active hold'),
      ReleaseHold: lifecycleRpc('ReleaseHold', 'active hold'),
      GetHold: lifecycleRpc('GetHold', 'active hold'),
      CheckAvailability: lifecycleRpc('CheckAvailability', 'seat ids'),
      GetSeatMap: lifecycleRpc('GetSeatMap', `1 section, ${largeSectionSeats} seats`),
    },
    seatMap: {
      eventSeats: seatCount(events.seatMap),
      seatsPerResponse: seatMap.seatsPerResponse,
      calls: profile.seatMapCalls,
      latencyMs: seatMap.run.outcomes['ok']?.latencyMs ?? { count: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0 },
      serverMeanMs: serverMean('seat-map', 'GetSeatMap'),
    },
    ceilings: {
      dynamodbTransactWriteItems: {
        ...ceilingThroughput,
        windowRates: windowRates('ceiling'),
        shape: `${profile.seatsPerHold} conditional seat updates + 1 conditional hold put, ClientRequestToken, one TransactWriteItems`,
      },
      redisEvalsha: {
        ...throughputOf(redisCeiling.run, 'ok', profile.redisCeiling.concurrency),
        script: "return redis.call('EXISTS', KEYS[1])",
      },
    },
    ratios: { successfulHoldsPerBareTransaction: round(ratio, 4) },
    inventoryProcess: {
      pid: inventory.pid,
      peakRssMb,
      peakRssFrom: peakResetAfterSetup ? 'setup done (events created)' : 'process start (could not reset VmHWM)',
      peakRssIncludingSetupMb: Math.max(peakBeforeLoadMb, peakRssMb),
      rssMbAfter,
    },
    serverMetrics,
    ...judged({
      holdThroughputRatio: ratio,
      dynamodbCallsPerRejectedHold,
      seatMapP95Ms: seatMap.run.outcomes['ok']?.latencyMs.p95 ?? Number.POSITIVE_INFINITY,
      seatMapEventSeats: seatCount(events.seatMap),
      peakRssMb,
    }),
  };
}

function judged(inputs: Parameters<typeof judgeTargets>[0]) {
  const targets = judgeTargets(inputs);
  return { targets, allTargetsMet: targets.every((target) => target.pass) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
