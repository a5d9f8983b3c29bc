import { randomBytes } from 'node:crypto';
import { provisionedTable } from '@ticketing/aws';
import { runScenario } from '../run-scenario';
import type { PlanOf, ResultOf, ScenarioName } from '../scenario-catalogue';
import { eventSummary, seatCount, type BenchEvent } from '../shared/bench-event';
import { BenchRun, type BenchContext } from '../shared/bench-run';
import { measurePhase } from '../shared/measure/measured-phase';
import { CpuSampler } from '../shared/measure/process-cpu';
import { round } from '../shared/numbers';
import { withVerdict } from '../shared/report/targets';
import { BenchSetup } from '../shared/stack/bench-setup';
import { startInventoryService } from '../shared/stack/inventory-service';
import { productionNodeOptions } from '../shared/stack/service-child';
import type { BenchProfile } from './bench-profile';
import { judgeTargets, rpcLatencyOf, throughputOf, type InventoryBenchReport } from './report/bench-report';
import { phaseMetrics, total, type PhaseMetrics } from './service-metrics';

/** Where and how to run. */
export interface BenchRunOptions extends BenchContext {
  /** Profile the inventory process with V8's CPU profiler into this directory. */
  readonly cpuProfileDir?: string | undefined;
  /** NODE_OPTIONS of the inventory process instead of the production ones (heap limits, diagnostics). */
  readonly inventoryNodeOptions?: string | undefined;
  /** Run this file instead of the bundle (e.g. apps/inventory/src/main.ts; `.ts` runs through tsx). */
  readonly inventoryEntry?: string | undefined;
}

const inventoryTables = ['inventory-events', 'inventory-seats', 'inventory-holds'];

/**
 * One benchmark run: stand-ins, fresh tables and Redis keys, the inventory as a process, three
 * events, then each scenario in its own load-generator process with /metrics scraped around it.
 * Everything it brings up is registered on `options.cleanup` the moment it exists.
 */
export async function runInventoryBenchmark(profile: BenchProfile, options: BenchRunOptions): Promise<InventoryBenchReport> {
  const { progress, workspaceRoot } = options;
  const run = await BenchRun.start(options, ['dynamodb', 'redis']);
  const { standIns } = run;
  const prefix = BenchRun.newPrefix('bench');
  progress(`provisioning tables with prefix ${prefix}`);
  const [serviceTables, bareTables] = await Promise.all([
    run.provision(prefix, { only: { tables: inventoryTables } }),
    run.provision(`${prefix}bare-`, { only: { tables: ['inventory-seats', 'inventory-holds'] } }),
  ]);
  await run.connectRedis({ deleteKeysUnder: prefix });

  const adminToken = randomBytes(24).toString('hex');
  // By default the inventory runs as in production: the bundle on plain Node, with the memory
  // settings the README recommends for its pods (--inventory-entry/--inventory-node-options override).
  const inventoryEntry = options.inventoryEntry ?? (await run.bundle('inventory')).inventory;
  const inventoryNodeOptions = options.inventoryNodeOptions ?? productionNodeOptions;
  progress('starting the inventory process');
  const inventory = await run.keep(
    'inventory',
    startInventoryService(
      { entry: inventoryEntry, standIns, prefix, cpuProfileDir: options.cpuProfileDir, nodeOptions: inventoryNodeOptions },
      { adminToken },
    ),
  );
  const target = { grpcAddress: inventory.grpcAddress };
  // Resident memory after each step: where the peak comes from, when it is too high.
  const rssMbAfter: Record<string, number> = { startup: await inventory.rssMb() };

  const events = {
    large: { eventId: `${prefix}large`, sections: profile.largeEvent },
    contended: { eventId: `${prefix}contended`, sections: profile.contendedEvent },
    seatMap: { eventId: `${prefix}seatmap`, sections: profile.seatMapEvent },
  } satisfies Record<string, BenchEvent>;
  await BenchSetup.with(target, adminToken, async (setup) => {
    await setup.createEvents(events, progress);
    progress('holding every seat of the contended event, and some of the seat-map event');
    await setup.holdGroups(events.contended, profile.seatsPerHold, { concurrency: 8 });
    await setup.holdGroups(events.seatMap, profile.seatsPerHold, { count: profile.seatMapHeldGroups, concurrency: 16 });
  });
  rssMbAfter['setup'] = await inventory.rssMb();
  // Creating the events is an organiser's one-off, not load: the judged peak starts after it.
  const peakBeforeLoadMb = await inventory.peakRssMb();
  const peakResetAfterSetup = await inventory.resetPeakRss();

  const serverMetrics: Record<string, PhaseMetrics> = {};
  const cpu = new CpuSampler({ inventory: inventory.pid });
  const phase = async <Name extends ScenarioName>(plan: PlanOf<Name>, expectedMs: number): Promise<ResultOf<Name>> => {
    progress(`running ${plan.scenario} (~${Math.round(expectedMs / 1000)} s)`);
    const measured = await measurePhase({ inventory: inventory.metricsUrl }, cpu, () =>
      runScenario(plan, { workspaceRoot, hardLimitMs: expectedMs + 60_000 }),
    );
    serverMetrics[plan.scenario] = phaseMetrics(measured.before.inventory, measured.after.inventory);
    rssMbAfter[plan.scenario] = await inventory.rssMb();
    return measured.result;
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

  return {
    ...run.header('inventory', profile.mode),
    settings: {
      concurrency: profile.concurrency,
      holdsVersusCeiling: profile.holdsVersusCeiling,
      seatsPerHold: profile.seatsPerHold,
      events: { large: eventSummary(events.large), contended: eventSummary(events.contended), seatMap: eventSummary(events.seatMap) },
      startedStandIns: standIns.started,
      resources: [serviceTables, bareTables],
      redisKeyPrefix: prefix,
      inventoryNodeOptions,
      inventoryEntry: run.relative(inventoryEntry),
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
    ...withVerdict(
      judgeTargets({
        holdThroughputRatio: ratio,
        dynamodbCallsPerRejectedHold,
        seatMapP95Ms: seatMap.run.outcomes['ok']?.latencyMs.p95 ?? Number.POSITIVE_INFINITY,
        seatMapEventSeats: seatCount(events.seatMap),
        peakRssMb,
      }),
    ),
  };
}
