import { randomBytes } from 'node:crypto';
import { runScenario } from '../run-scenario';
import type { PlanOf, ResultOf, ScenarioName } from '../scenario-catalogue';
import { eventSummary, seatCount, type BenchEvent } from '../shared/bench-event';
import { BenchRun, type BenchContext } from '../shared/bench-run';
import { counterDelta, histogramDelta } from '../shared/measure/metric-deltas';
import { measurePhase } from '../shared/measure/measured-phase';
import type { MetricsSnapshot } from '../shared/measure/metrics-exposition';
import { untilOutboxIdle } from '../shared/measure/outbox-settle';
import { CpuSampler, type CpuUse } from '../shared/measure/process-cpu';
import { round } from '../shared/numbers';
import { withVerdict } from '../shared/report/targets';
import { devTokenAudience, devTokenIssuer, startApiService } from '../shared/stack/api-service';
import { BenchSetup } from '../shared/stack/bench-setup';
import { startInventoryService } from '../shared/stack/inventory-service';
import { productionNodeOptions } from '../shared/stack/service-child';
import { phaseMetrics } from '../inventory/service-metrics';
import type { ApiBenchProfile } from './api-bench-profile';
import {
  apiCallsOf,
  failureShareOf,
  judgeApiTargets,
  type ApiBenchReport,
  type ApiCallsResult,
  type ApiOverhead,
  type ServerSidePhase,
} from './report/api-bench-report';
import type { ApiTarget } from './scenarios/api-scenario-plan';
import { createdOutcome, createdPerSecond } from './scenarios/reservation-saturation.scenario';

const reservationsRoute = '/v1/reservations';
const seatMapRoute = '/v1/events/:event_id/seats';
/** The second open-loop phase's name in the server-side figures. */
const lightLoadPhase = 'reservations-light-load';

/** Where and how to run. */
export interface ApiBenchRunOptions extends BenchContext {
  /** Profile the API process with V8's CPU profiler into this directory. */
  readonly cpuProfileDir?: string | undefined;
  /** NODE_OPTIONS of the API process instead of the production ones. */
  readonly apiNodeOptions?: string | undefined;
  /** Keep the API's per-user rate limiting on (Redis-backed, its defaults). */
  readonly rateLimit: boolean;
}

/**
 * One API benchmark run: stand-ins (DynamoDB Local, Redis, the SQS/EventBridge emulator), every
 * table/queue/bus under a fresh prefix, the inventory and the reservation API as bundles on plain
 * Node with production NODE_OPTIONS, three events, then each scenario in its own load-generator
 * process with both services' /metrics scraped around it. Everything it brings up is registered on
 * `options.cleanup` the moment it exists.
 */
export async function runApiBenchmark(profile: ApiBenchProfile, options: ApiBenchRunOptions): Promise<ApiBenchReport> {
  const { progress, workspaceRoot } = options;
  const run = await BenchRun.start(options, ['dynamodb', 'redis', 'aws-emulator']);
  const { standIns } = run;
  const prefix = BenchRun.newPrefix('bapi');
  progress(`provisioning every table, queue, bus and rule with prefix ${prefix}`);
  const resources = await run.provision(prefix);
  await run.connectRedis({ deleteKeysUnder: prefix });
  const entries = await run.bundle('inventory', 'reservation-api');

  const adminToken = randomBytes(24).toString('hex');
  progress('starting the inventory process');
  const inventory = await run.keep(
    'inventory',
    startInventoryService({ entry: entries.inventory, standIns, prefix, nodeOptions: productionNodeOptions }, { adminToken }),
  );

  const events = {
    large: { eventId: `${prefix}large`, sections: profile.largeEvent },
    contended: { eventId: `${prefix}contended`, sections: profile.contendedEvent },
    seatMap: { eventId: `${prefix}seatmap`, sections: profile.seatMapEvent },
  } satisfies Record<string, BenchEvent>;
  await BenchSetup.with({ grpcAddress: inventory.grpcAddress }, adminToken, async (setup) => {
    await setup.createEvents(events, progress);
    progress('holding every seat of the contended event, and some of the seat-map event');
    await setup.holdGroups(events.contended, profile.seatsPerHold, { concurrency: 8 });
    await setup.holdGroups(events.seatMap, profile.seatsPerHold, { count: profile.seatMapHeldGroups, concurrency: 16 });
  });

  const jwtSecret = randomBytes(32).toString('base64url');
  const apiNodeOptions = options.apiNodeOptions ?? productionNodeOptions;
  progress(`starting the reservation API (rate limiting ${options.rateLimit ? 'on' : 'off'})`);
  const api = await run.keep(
    'reservation API',
    startApiService(
      { entry: entries['reservation-api'], standIns, prefix, cpuProfileDir: options.cpuProfileDir, nodeOptions: apiNodeOptions },
      { inventoryGrpcAddress: inventory.grpcAddress, jwtSecret, rateLimit: options.rateLimit },
    ),
  );
  const target: ApiTarget = { baseUrl: api.baseUrl, jwtSecret, issuer: devTokenIssuer, audience: devTokenAudience };
  const rssMbAfter: Record<string, number> = { startup: await api.rssMb() };

  const serverSide: Record<string, ServerSidePhase> = {};
  const outboxSettleSeconds: Record<string, number> = {};
  const cpu = new CpuSampler({ api: api.pid, inventory: inventory.pid, ...standIns.pids });
  const phase = async <Name extends ScenarioName>(
    plan: PlanOf<Name>,
    expectedMs: number,
    measured: { readonly route: string; readonly method: 'POST' | 'GET'; readonly rpc: string },
    phaseName: string = plan.scenario,
  ): Promise<ResultOf<Name>> => {
    progress(`running ${phaseName} (~${Math.round(expectedMs / 1000)} s)`);
    const { result, before, after, cpu: cpuUse } = await measurePhase({ api: api.metricsUrl, inventory: inventory.metricsUrl }, cpu, () =>
      runScenario(plan, { workspaceRoot, hardLimitMs: expectedMs + 60_000 }),
    );
    serverSide[phaseName] = serverSidePhase(before, after, measured, cpuUse);
    rssMbAfter[phaseName] = await api.rssMb();
    // The relay publishes the phase's outbox events behind it; let it finish before the next phase is measured.
    outboxSettleSeconds[phaseName] = await untilOutboxIdle(api.metricsUrl, 30_000);
    return result;
  };
  const postReservations = { route: reservationsRoute, method: 'POST', rpc: 'HoldSeats' } as const;

  const { saturation: search } = profile;
  const saturation = await phase(
    {
      scenario: 'saturation',
      target,
      event: events.large,
      seatsPerHold: profile.seatsPerHold,
      concurrencySteps: search.concurrencySteps,
      firstWarmupMs: search.firstWarmupMs,
      step: search.step,
      maxFailureShare: search.maxFailureShare,
    },
    search.firstWarmupMs + search.concurrencySteps.length * (search.step.warmupMs + search.step.durationMs),
    postReservations,
  );
  const best = saturation.steps.reduce((top, step) => (createdPerSecond(step.run) > createdPerSecond(top.run) ? step : top));
  const maxCreatedPerSecond = createdPerSecond(best.run);
  if (maxCreatedPerSecond <= 0) {
    throw new Error(`no reservation succeeded during the saturation search: ${JSON.stringify(best.run.outcomes)} ${best.run.sampleErrors.join('; ')}`);
  }

  const ratePerSecond = Math.round(maxCreatedPerSecond * profile.atRate.fractionOfSaturation * 10) / 10;
  const atRate = await phase(
    {
      scenario: 'reservations-at-rate',
      target,
      event: events.large,
      seatsPerHold: profile.seatsPerHold,
      firstGroup: saturation.groupsUsed,
      ratePerSecond,
      warmupMs: profile.atRate.warmupMs,
      durationMs: profile.atRate.durationMs,
      maxInFlight: profile.atRate.maxInFlight,
    },
    profile.atRate.warmupMs + profile.atRate.durationMs,
    postReservations,
  );
  const lightLoad = await phase(
    {
      scenario: 'reservations-at-rate',
      target,
      event: events.large,
      seatsPerHold: profile.seatsPerHold,
      firstGroup: saturation.groupsUsed + atRate.groupsUsed,
      ...profile.lightLoad,
    },
    profile.lightLoad.warmupMs + profile.lightLoad.durationMs,
    postReservations,
    lightLoadPhase,
  );
  const contended = await phase(
    { scenario: 'contended-reservations', target, event: events.contended, seatsPerHold: profile.seatsPerHold, load: profile.contended },
    profile.contended.warmupMs + profile.contended.durationMs,
    postReservations,
  );
  const seatMap = await phase(
    { scenario: 'api-seat-map', target, eventId: events.seatMap.eventId, ...profile.seatMap },
    profile.seatMap.concurrencySteps.length * (profile.seatMap.step.warmupMs + profile.seatMap.step.durationMs),
    { route: seatMapRoute, method: 'GET', rpc: 'GetSeatMap' },
    'seat-map',
  );
  const seatMapSteps = seatMap.steps.map((step) => ({
    concurrency: step.concurrency,
    failureShare: failureShareOf(step.run, '200'),
    ...apiCallsOf(step.run, '200'),
  }));
  const healthySeatMapSteps = seatMapSteps.filter((step) => step.failureShare <= profile.seatMap.maxFailureShare);
  const seatMapHeadline = (healthySeatMapSteps.length > 0 ? healthySeatMapSteps : seatMapSteps.slice(0, 1)).reduce((top, step) =>
    step.perSecond > top.perSecond ? step : top,
  );
  const apiPeakRssMb = await api.peakRssMb();
  const inventoryPeakRssMb = await inventory.peakRssMb();
  const logs = api.logSummary();

  const atRateCalls = apiCallsOf(atRate.run, createdOutcome);
  const atRateOverhead = overheadOf(serverSide['reservations-at-rate'], atRateCalls);
  const lightLoadOverhead = overheadOf(serverSide[lightLoadPhase], apiCallsOf(lightLoad.run, createdOutcome));
  const targets = judgeApiTargets({
    atRatePerSecond: ratePerSecond,
    postP95AtRateMs: atRateCalls.count > 0 ? atRateCalls.latencyMs.p95 : Number.POSITIVE_INFINITY,
    lightLoadPerSecond: profile.lightLoad.ratePerSecond,
    lightLoadAddedMeanMs: lightLoadOverhead.addedMeanMs,
    apiPeakRssMb,
  });

  return {
    ...run.header('reservation-api', profile.mode),
    settings: {
      seatsPerHold: profile.seatsPerHold,
      events: { large: eventSummary(events.large), contended: eventSummary(events.contended), seatMap: eventSummary(events.seatMap) },
      startedStandIns: standIns.started,
      resources: [resources],
      redisKeyPrefix: prefix,
      apiEntry: run.relative(entries['reservation-api']),
      apiNodeOptions,
      inventoryEntry: run.relative(entries.inventory),
      inventoryNodeOptions: productionNodeOptions,
      rateLimit: {
        enabled: options.rateLimit,
        note: options.rateLimit
          ? "RATE_LIMIT_ENABLED=true (the API's defaults, counted in Redis); every request is a new user, so no user reaches the limit"
          : 'RATE_LIMIT_ENABLED=false (--rate-limit keeps it on); every request is a new user anyway',
      },
      users: 'one new user per request (HS256 dev token minted by the load generator), a fresh Idempotency-Key per POST',
    },
    outboxSettleSeconds,
    saturation: {
      method: 'closed loop: each virtual client sends its next POST when the previous one answered; concurrency doubles per step',
      steps: saturation.steps.map((step) => ({
        concurrency: step.concurrency,
        failureShare: failureShareOf(step.run, createdOutcome),
        ...apiCallsOf(step.run, createdOutcome),
      })),
      stoppedBecause: saturation.stoppedBecause,
      maxCreatedPerSecond,
      atConcurrency: best.concurrency,
    },
    atRate: {
      method:
        'open loop: POSTs arrive at a fixed rate whatever the answers do, each timed from when it was due ' +
        '(a closed loop with fewer clients would slow down with the API and hide its queueing)',
      fractionOfSaturation: profile.atRate.fractionOfSaturation,
      targetRatePerSecond: ratePerSecond,
      offeredPerSecond: atRate.run.offeredPerSecond,
      sendLagP99Ms: atRate.run.sendLagP99Ms,
      ...atRateCalls,
    },
    contended: { concurrency: profile.contended.concurrency, ...apiCallsOf(contended.run, '409 INVENTORY_CONFLICT') },
    seatMap: {
      method:
        'closed loop in steps of growing concurrency, stopping after a step with more than ' +
        `${profile.seatMap.maxFailureShare * 100} % non-200 answers; the figures are the best step within that bound`,
      ...seatMapHeadline,
      eventSeats: seatCount(events.seatMap),
      seatsPerResponse: seatMap.seatsPerResponse,
      bytesPerResponse: seatMap.bytesPerResponse,
      steps: seatMapSteps,
    },
    apiOverhead: {
      method:
        'per open-loop phase: mean of http_request_duration_seconds{route="/v1/reservations",method="POST"} ' +
        'minus mean of the inventory\'s grpc_server_handling_seconds{grpc_method="HoldSeats"}; the difference of means is ' +
        'the mean of the per-request difference, which no pair of medians is. Judged at light load, where no request ' +
        'waits behind another; at 70 % it also holds the queueing in the shared, CPU-bound emulator',
      lightLoad: { ratePerSecond: profile.lightLoad.ratePerSecond, ...lightLoadOverhead },
      atRate: { ratePerSecond, ...atRateOverhead },
    },
    serverSide,
    apiProcess: { pid: api.pid, peakRssMb: apiPeakRssMb, rssMbAfter, logs },
    inventoryProcess: { pid: inventory.pid, peakRssMb: inventoryPeakRssMb },
    ...withVerdict(targets),
  };
}

/** The API's time over its HoldSeats call in one open-loop phase. */
function overheadOf(server: ServerSidePhase | undefined, calls: ApiCallsResult): ApiOverhead {
  const holdSeatsP50 = server?.inventoryRpc.p50EstimateMs ?? 0;
  return {
    addedMeanMs: round(server?.addedMeanMs ?? Number.POSITIVE_INFINITY, 2),
    addedP50EstimateMs: round((server?.apiRoute.p50EstimateMs ?? 0) - holdSeatsP50, 2),
    clientP50MinusHoldSeatsP50Ms: round(calls.latencyMs.p50 - holdSeatsP50, 2),
  };
}


function serverSidePhase(
  { api: apiBefore, inventory: inventoryBefore }: Readonly<Record<'api' | 'inventory', MetricsSnapshot>>,
  { api: apiAfter, inventory: inventoryAfter }: Readonly<Record<'api' | 'inventory', MetricsSnapshot>>,
  measured: { readonly route: string; readonly method: string; readonly rpc: string },
  cpuUse: CpuUse,
): ServerSidePhase {
  const routeLabels = { method: measured.method, route: measured.route };
  const apiRoute = histogramDelta(apiBefore, apiAfter, 'http_request_duration_seconds', routeLabels);
  const inventoryRpc = histogramDelta(inventoryBefore, inventoryAfter, 'grpc_server_handling_seconds', { grpc_method: measured.rpc });
  return {
    apiRoute: {
      route: `${measured.method} ${measured.route}`,
      ...apiRoute,
      statuses: counterDelta(apiBefore, apiAfter, 'http_request_duration_seconds_count', { byLabel: 'status_code', labels: routeLabels }),
    },
    inventoryRpc: { method: measured.rpc, ...inventoryRpc },
    addedMeanMs: round(apiRoute.meanMs - inventoryRpc.meanMs, 3),
    inventory: phaseMetrics(inventoryBefore, inventoryAfter),
    outboxPublished: counterDelta(apiBefore, apiAfter, 'outbox_published_total')['total'] ?? 0,
    cpu: {
      ...cpuUse,
      apiCpuMsPerRequest: perRequestMs(cpuUse.processCpuSeconds['api'], apiRoute.count),
      inventoryCpuMsPerRequest: perRequestMs(cpuUse.processCpuSeconds['inventory'], apiRoute.count),
    },
  };
}

function perRequestMs(cpuSeconds: number | undefined, requests: number): number {
  return cpuSeconds === undefined || requests === 0 ? 0 : round((cpuSeconds * 1000) / requests, 2);
}
