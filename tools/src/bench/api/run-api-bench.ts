import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAwsClients, deleteResources, provisionResources } from '@ticketing/aws';
import { bundleApp } from '../../build/bundle-app';
import { BenchSetup } from '../inventory/bench-setup';
import { startInventoryProcess } from '../inventory/inventory-process';
import { productionInventoryNodeOptions } from '../inventory/run-inventory-bench';
import { seatCount } from '../inventory/scenarios/bench-seats';
import type { BenchEvent } from '../inventory/scenarios/scenario-plan';
import { phaseMetrics } from '../inventory/service-metrics';
import { ensureBenchStandIns } from '../shared/bench-stand-ins';
import type { CleanupStack } from '../shared/cleanup-stack';
import { scrapeMetrics, type MetricsSnapshot } from '../shared/metrics-exposition';
import { CpuSampler, type CpuUse } from '../shared/process-cpu';
import type { ApiBenchProfile } from './api-bench-profile';
import { runApiLoadGenerator } from './api-load-generator.process';
import { startApiProcess } from './api-process';
import { counterDelta, histogramDelta } from './api-server-metrics';
import {
  apiCallsOf,
  failureShareOf,
  judgeApiTargets,
  type ApiBenchReport,
  type ApiCallsResult,
  type ApiOverhead,
  type ServerSidePhase,
} from './report/api-bench-report';
import type { ApiScenarioPlan, ApiScenarioResult, ApiTarget } from './scenarios/api-scenario-plan';
import { createdOutcome, createdPerSecond } from './scenarios/reservation-saturation.scenario';
import { connectBenchRedis } from '../shared/bench-redis';
import { loadAverageNow, machineFacts } from '../shared/machine-facts';

/** NODE_OPTIONS of the API pods (the same memory settings as the inventory's: 256 MB limit). */
export const productionApiNodeOptions = '--max-old-space-size=128 --max-semi-space-size=4';

/** What the dev-token tool writes and the API expects in dev-hs256 mode. */
const tokenIssuer = 'ticketing-dev';
const tokenAudience = 'ticketing-api';
const reservationsRoute = '/v1/reservations';
const seatMapRoute = '/v1/events/:event_id/seats';
/** The second open-loop phase's name in the server-side figures. */
const lightLoadPhase = 'reservations-light-load';

/** Where and how to run. */
export interface ApiBenchRunOptions {
  readonly workspaceRoot: string;
  /** Teardown steps are registered here as resources come up; the caller runs them. */
  readonly cleanup: CleanupStack;
  readonly progress: (message: string) => void;
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
  const { cleanup, progress, workspaceRoot } = options;
  const startedAt = new Date();
  const loadAverageAtStart = loadAverageNow();

  const standIns = await ensureBenchStandIns(['dynamodb', 'redis', 'aws-emulator'], progress);
  cleanup.push('stop the stand-ins this run started', () => standIns.stop());

  const prefix = `bapi-${randomBytes(4).toString('hex')}-`;
  const aws = createAwsClients({
    region: standIns.region,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    sqsEndpoint: standIns.awsEmulatorEndpoint,
    eventBridgeEndpoint: standIns.awsEmulatorEndpoint,
  });
  cleanup.push('close the AWS clients', async () => aws.destroy());
  progress(`provisioning every table, queue, bus and rule with prefix ${prefix}`);
  const resources = await provisionResources(aws, { prefix });
  cleanup.push('delete the benchmark resources', () => deleteResources(aws, resources));

  await connectBenchRedis(standIns.redisUrl, cleanup, { deleteKeysUnder: prefix });

  progress('bundling the inventory and the reservation API');
  const [inventoryEntry, apiEntry] = await Promise.all([bundleApp('inventory'), bundleApp('reservation-api')]);

  const adminToken = randomBytes(24).toString('hex');
  progress('starting the inventory process');
  const inventory = await startInventoryProcess({
    entry: inventoryEntry,
    region: standIns.region,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    redisUrl: standIns.redisUrl,
    resourcePrefix: prefix,
    redisKeyPrefix: prefix,
    adminToken,
    nodeOptions: productionInventoryNodeOptions,
  });
  cleanup.push('stop the inventory process', () => inventory.stop());

  const events = {
    large: { eventId: `${prefix}large`, sections: profile.largeEvent },
    contended: { eventId: `${prefix}contended`, sections: profile.contendedEvent },
    seatMap: { eventId: `${prefix}seatmap`, sections: profile.seatMapEvent },
  } satisfies Record<string, BenchEvent>;
  const setup = new BenchSetup({ grpcAddress: inventory.grpcAddress }, adminToken);
  try {
    for (const event of Object.values(events)) {
      progress(`creating event ${event.eventId} (${seatCount(event).toLocaleString('en-US')} seats)`);
      await setup.createEvent(event);
    }
    progress('holding every seat of the contended event, and some of the seat-map event');
    await setup.holdGroups(events.contended, profile.seatsPerHold, { concurrency: 8 });
    await setup.holdGroups(events.seatMap, profile.seatsPerHold, { count: profile.seatMapHeldGroups, concurrency: 16 });
  } finally {
    setup.close();
  }

  const jwtSecret = randomBytes(32).toString('base64url');
  const apiNodeOptions = options.apiNodeOptions ?? productionApiNodeOptions;
  progress(`starting the reservation API (rate limiting ${options.rateLimit ? 'on' : 'off'})`);
  const api = await startApiProcess({
    entry: apiEntry,
    region: standIns.region,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    awsEmulatorEndpoint: standIns.awsEmulatorEndpoint,
    redisUrl: standIns.redisUrl,
    resourcePrefix: prefix,
    inventoryGrpcAddress: inventory.grpcAddress,
    jwtSecret,
    jwtAudience: tokenAudience,
    rateLimit: options.rateLimit,
    cpuProfileDir: options.cpuProfileDir,
    nodeOptions: apiNodeOptions,
  });
  cleanup.push('stop the reservation API process', () => api.stop());
  const target: ApiTarget = { baseUrl: api.baseUrl, jwtSecret, issuer: tokenIssuer, audience: tokenAudience };
  const rssMbAfter: Record<string, number> = { startup: await api.rssMb() };

  const serverSide: Record<string, ServerSidePhase> = {};
  const outboxSettleSeconds: Record<string, number> = {};
  const cpu = new CpuSampler({ api: api.pid, inventory: inventory.pid, ...standIns.pids });
  const scrapeBoth = () => Promise.all([scrapeMetrics(api.metricsUrl), scrapeMetrics(inventory.metricsUrl)]);
  const phase = async <Name extends ApiScenarioPlan['scenario']>(
    plan: Extract<ApiScenarioPlan, { scenario: Name }>,
    expectedMs: number,
    measured: { readonly route: string; readonly method: 'POST' | 'GET'; readonly rpc: string },
    phaseName: string = plan.scenario,
  ): Promise<Extract<ApiScenarioResult, { scenario: Name }>> => {
    progress(`running ${phaseName} (~${Math.round(expectedMs / 1000)} s)`);
    const before = await scrapeBoth();
    const cpuBefore = cpu.snapshot();
    const result = await runApiLoadGenerator(plan, { workspaceRoot, hardLimitMs: expectedMs + 60_000 });
    const cpuUse = CpuSampler.between(cpuBefore, cpu.snapshot());
    const after = await scrapeBoth();
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
    { scenario: 'seat-map', target, eventId: events.seatMap.eventId, ...profile.seatMap },
    profile.seatMap.concurrencySteps.length * (profile.seatMap.step.warmupMs + profile.seatMap.step.durationMs),
    { route: seatMapRoute, method: 'GET', rpc: 'GetSeatMap' },
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
  const finishedAt = new Date();
  const eventSummary = (event: BenchEvent) => ({ eventId: event.eventId, seats: seatCount(event), sections: event.sections.length });

  return {
    schemaVersion: 1,
    benchmark: 'reservation-api',
    mode: profile.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    machine: machineFacts(loadAverageAtStart),
    settings: {
      seatsPerHold: profile.seatsPerHold,
      events: { large: eventSummary(events.large), contended: eventSummary(events.contended), seatMap: eventSummary(events.seatMap) },
      startedStandIns: standIns.started,
      resources: [resources],
      redisKeyPrefix: prefix,
      apiEntry: relative(workspaceRoot, apiEntry),
      apiNodeOptions,
      inventoryEntry: relative(workspaceRoot, inventoryEntry),
      inventoryNodeOptions: productionInventoryNodeOptions,
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
    targets,
    allTargetsMet: targets.every((result) => result.pass),
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

/**
 * Waits until the API's outbox relay has published no event for 1.5 s (its idle poll is 1 s), at
 * most `limitMs`; resolves with the seconds waited.
 */
async function untilOutboxIdle(metricsUrl: string, limitMs: number): Promise<number> {
  const started = Date.now();
  const published = async () => counterDelta(new Map(), await scrapeMetrics(metricsUrl), 'outbox_published_total')['total'] ?? 0;
  let last = await published();
  while (Date.now() - started < limitMs) {
    await sleep(1_500);
    const now = await published();
    if (now === last) break;
    last = now;
  }
  return Math.round((Date.now() - started) / 100) / 10;
}

function serverSidePhase(
  [apiBefore, inventoryBefore]: readonly [MetricsSnapshot, MetricsSnapshot],
  [apiAfter, inventoryAfter]: readonly [MetricsSnapshot, MetricsSnapshot],
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

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
