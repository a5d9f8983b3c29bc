import type { RedisClient } from '@ticketing/redis';
import { physicalName } from '@ticketing/resources';
import { runScenario } from '../run-scenario';
import type { BenchEvent } from '../shared/bench-event';
import { BenchRun } from '../shared/bench-run';
import { summariseLatencies } from '../shared/load/latency-summary';
import { CpuTimeline } from '../shared/measure/cpu-timeline';
import { untilOutboxIdle } from '../shared/measure/outbox-settle';
import { countBy, round } from '../shared/numbers';
import { startWorkerService, type HandledEvent, type WorkerService } from '../shared/stack/worker-service';
import { BackendProbe } from './backend-probe';
import type { WorkerDrainResult, WorkerLatencyResult, WorkerLevelResult } from './report/worker-bench-report';
import { ReservationBook } from './reservation-book';
import type { PayableReservation, PublishedPayment } from './scenarios/worker-scenario-plan';
import type { WorkerBenchProfile, WorkerLevelProfile } from './worker-bench-profile';
import { startWorkerBenchStack } from './worker-bench-stack';
import { phaseServerSide, scrapeStack, scrapeStackOnceCounted, workerTotals } from './worker-phase-metrics';

/** What every level shares. */
export interface WorkerLevelContext {
  readonly run: BenchRun;
  readonly profile: WorkerBenchProfile;
  /** Stand-ins whose CPU is sampled, by name. */
  readonly standInPids: Readonly<Record<string, number>>;
  readonly entries: { readonly inventory: string; readonly api: string; readonly worker: string };
  readonly nodeOptions: { readonly inventory: string; readonly api: string; readonly worker: string };
  readonly redis: RedisClient;
}

/** Longest wait for the API's outbox relay to go idle before a phase. */
const outboxSettleLimitMs = 30_000;

/**
 * One WORKER_CONCURRENCY level, on a stack of its own:
 *
 * 1. reservations are created through the API (unmeasured) and the outbox relay left to go idle;
 * 2. drain: a `payment.approved` per reservation is published while no worker runs, then a fresh
 *    worker process starts on that backlog; its drain rate after the warm-up events is the level's
 *    throughput;
 * 3. latency: more reservations, then an open loop publishes their approvals at a share of that
 *    throughput, and each event's time from due to the worker's `event handled` line is taken;
 * 4. every reservation is read back through the API: all must be CONFIRMED.
 */
export async function runWorkerLevel(level: WorkerLevelProfile, context: WorkerLevelContext): Promise<WorkerLevelResult> {
  const { profile, run } = context;
  const { standIns } = run;
  const { cleanup, workspaceRoot } = run.context;
  const progress = (message: string) => run.context.progress(`c=${level.concurrency}: ${message}`);
  const prefix = BenchRun.newPrefix('bwrk');
  const event: BenchEvent = { eventId: `${prefix}event`, sections: profile.eventSections };
  const stack = await startWorkerBenchStack(run, { prefix, entries: context.entries, nodeOptions: context.nodeOptions, event, redis: context.redis, progress });
  cleanup.push(`tear down the stack ${prefix}`, () => stack.close());
  const book = new ReservationBook(
    stack.apiTarget,
    event,
    profile.seatsPerHold,
    { baseUrl: stack.api.internalBaseUrl, token: stack.serviceToken },
    profile.setupConcurrency,
  );
  let worker: WorkerService | undefined;
  try {
    const setupStarted = Date.now();
    const outboxSettleSeconds: number[] = [];
    const backlogSize = level.warmupEvents + level.measuredEvents;
    progress(`creating ${backlogSize} reservations through the API`);
    const backlogReservations = await book.create(backlogSize);
    let setupSeconds = (Date.now() - setupStarted) / 1000;
    outboxSettleSeconds.push(await untilOutboxIdle(stack.api.metricsUrl, outboxSettleLimitMs));

    const target = { region: standIns.region, eventBridgeEndpoint: standIns.awsEmulatorEndpoint, eventBusName: stack.eventBusName };
    progress(`publishing ${backlogSize} payment.approved events while no worker runs`);
    const backlog = await runScenario(
      { scenario: 'publish-backlog', target, reservations: backlogReservations, concurrency: profile.backlogPublishConcurrency },
      { workspaceRoot, hardLimitMs: 120_000 },
    );
    if (backlog.failed > 0) throw new Error(`${backlog.failed} backlog events could not be published: ${backlog.sampleErrors.join('; ')}`);

    const probe = new BackendProbe({
      aws: run.aws,
      redis: context.redis,
      queueName: physicalName(prefix, 'reservation-worker'),
      tableName: physicalName(prefix, 'processed-events'),
    });
    progress('timing the backends while idle');
    const idleBackendProbeMs = await probe.measure(profile.idleProbeMs);
    const urls = { api: stack.api.metricsUrl, inventory: stack.inventory.metricsUrl };
    const beforeDrain = await scrapeStack(urls);
    progress(`starting a worker (WORKER_CONCURRENCY=${level.concurrency}) on the backlog`);
    worker = await startWorkerService(
      { entry: context.entries.worker, standIns, prefix, nodeOptions: context.nodeOptions.worker },
      {
        apiBaseUrl: stack.api.internalBaseUrl,
        tokenFile: stack.tokenFile,
        inventoryGrpcAddress: stack.inventory.grpcAddress,
        concurrency: level.concurrency,
        batchSize: profile.sqs.batchSize,
        waitTimeSeconds: profile.sqs.waitTimeSeconds,
      },
    );
    cleanup.push(`stop the worker of ${prefix}`, () => worker?.stop() ?? Promise.resolve());
    const consumingAt = Date.now();
    const pids = { worker: worker.pid, api: stack.api.pid, inventory: stack.inventory.pid, ...context.standInPids };
    const drainCpu = new CpuTimeline(pids);
    drainCpu.start();
    probe.start();
    const backlogIds = backlog.published.map((payment) => payment.messageId);
    const drainWait = await worker.untilHandled(backlogIds, profile.settleTimeoutMs + backlogSize * 200);
    drainCpu.stop();
    const drainBackendProbeMs = probe.stop();
    const afterDrain = await scrapeStackOnceCounted({ ...urls, worker: worker.metricsUrl }, beforeDrain, countHandled(worker, backlogIds));
    const rssAfterDrain = await worker.rssMb();
    const drain = drainResult(level, backlog.published, backlog.seconds, worker.handled, drainWait.missing.length, consumingAt);
    const drainServerSide = phaseServerSide(beforeDrain, afterDrain);
    const drainWithCpu: WorkerDrainResult = {
      ...drain.result,
      // Little's law: events in the worker at once = arrival rate × time each spends there.
      averageInFlight: round((drain.result.eventsPerSecond * drainServerSide.workerHandler.meanMs) / 1000, 1),
      cpu: drainCpu.between(drain.windowFromMs, drain.windowToMs),
      backendProbeMs: drainBackendProbeMs,
      serverSide: drainServerSide,
    };
    progress(
      `drained ${drain.result.measuredEvents} events at ${drain.result.eventsPerSecond}/s` +
        (drain.result.missing > 0 ? `; ${drain.result.missing} never reached their final state` : ''),
    );

    const ratePerSecond = Math.max(1, Math.round(drain.result.eventsPerSecond * profile.latency.fractionOfThroughput * 10) / 10);
    const latencyEvents = Math.min(profile.latency.maxEvents, Math.ceil((ratePerSecond * profile.latency.durationMs) / 1000));
    const durationMs = Math.min(profile.latency.durationMs, Math.ceil((latencyEvents / ratePerSecond) * 1000));
    progress(`creating ${latencyEvents} reservations for the open loop`);
    const latencySetupStarted = Date.now();
    const latencyReservations = await book.create(latencyEvents);
    setupSeconds += (Date.now() - latencySetupStarted) / 1000;
    outboxSettleSeconds.push(await untilOutboxIdle(stack.api.metricsUrl, outboxSettleLimitMs));
    progress(`publishing at ${ratePerSecond}/s for ${(durationMs / 1000).toFixed(1)} s (open loop)`);
    const latency = await measureLatency(worker, context, {
      target,
      reservations: latencyReservations,
      ratePerSecond,
      durationMs,
      urls,
      pids,
      probe,
    });
    progress(`open loop: p50 ${latency.latencyMs.p50} ms, p95 ${latency.latencyMs.p95} ms, p99 ${latency.latencyMs.p99} ms`);

    progress('reading every reservation back');
    const verification = await book.check([...backlogReservations, ...latencyReservations].map((reservation) => reservation.reservationId));
    const totals = workerTotals(await scrapeStack({ ...urls, worker: worker.metricsUrl }).then((snapshot) => snapshot.worker));
    const workerPeakRssMb = await worker.peakRssMb();
    const rssAfterLatency = await worker.rssMb();
    const workerLogs = worker.logSummary();
    const [apiPeakRssMb, inventoryPeakRssMb] = await Promise.all([stack.api.peakRssMb(), stack.inventory.peakRssMb()]);
    const exitCode = await worker.stop();
    return {
      concurrency: level.concurrency,
      prefix,
      resources: stack.resources,
      setup: {
        reservationsCreated: backlogReservations.length + latencyReservations.length,
        seconds: round(setupSeconds, 1),
        outboxSettleSeconds,
      },
      idleBackendProbeMs,
      drain: drainWithCpu,
      latency,
      verification,
      worker: {
        pid: worker.pid,
        peakRssMb: workerPeakRssMb,
        rssMbAfter: { drain: rssAfterDrain, latency: rssAfterLatency },
        exitCode,
        logs: workerLogs,
        events: totals.events,
        deadLetters: totals.deadLetters,
      },
      api: { pid: stack.api.pid, peakRssMb: apiPeakRssMb, logs: stack.api.logSummary() },
      inventory: { pid: stack.inventory.pid, peakRssMb: inventoryPeakRssMb },
    };
  } finally {
    book.close();
    await worker?.stop();
    progress('tearing the stack down');
    await stack.close();
  }
}

/** The drain's figures, and the window they cover (for the CPU). */
function drainResult(
  level: WorkerLevelProfile,
  published: readonly PublishedPayment[],
  publishSeconds: number,
  handled: ReadonlyMap<string, HandledEvent>,
  missing: number,
  consumingAt: number,
): { result: Omit<WorkerDrainResult, 'averageInFlight' | 'cpu' | 'backendProbeMs' | 'serverSide'>; windowFromMs: number; windowToMs: number } {
  const events = published.flatMap((payment) => {
    const event = handled.get(payment.messageId);
    return event ? [event] : [];
  });
  const times = events.map((event) => event.atMs).sort((a, b) => a - b);
  // The window opens when the last warm-up event was handled and closes with the last event.
  const windowFromMs = times[Math.min(level.warmupEvents, times.length) - 1] ?? consumingAt;
  const windowToMs = times.at(-1) ?? consumingAt;
  const measuredEvents = Math.max(0, times.length - level.warmupEvents);
  const windowSeconds = (windowToMs - windowFromMs) / 1000;
  return {
    result: {
      method:
        'the backlog is published while no worker runs; a fresh worker then drains it; the rate counts the events ' +
        'handled after the first warmupEvents, over the time from the last of those to the last event (times from the worker\'s `event handled` lines)',
      backlogEvents: published.length,
      publishSeconds,
      warmupEvents: level.warmupEvents,
      measuredEvents,
      windowSeconds: round(windowSeconds, 3),
      eventsPerSecond: windowSeconds > 0 ? round(measuredEvents / windowSeconds, 1) : 0,
      fromStartEventsPerSecond: windowToMs > consumingAt ? round(times.length / ((windowToMs - consumingAt) / 1000), 1) : 0,
      missing,
      results: countBy(events, (event) => event.result),
      redelivered: events.filter((event) => event.receiveCount > 1).length,
    },
    windowFromMs,
    windowToMs,
  };
}

/** The open loop: publishes at `ratePerSecond`, waits for every event's final state, times each. */
async function measureLatency(
  worker: WorkerService,
  context: WorkerLevelContext,
  phase: {
    readonly target: { readonly region: string; readonly eventBridgeEndpoint: string; readonly eventBusName: string };
    readonly reservations: readonly PayableReservation[];
    readonly ratePerSecond: number;
    readonly durationMs: number;
    readonly urls: { readonly api: string; readonly inventory: string };
    readonly pids: Readonly<Record<string, number>>;
    readonly probe: BackendProbe;
  },
): Promise<WorkerLatencyResult> {
  const { profile } = context;
  const before = await scrapeStack({ ...phase.urls, worker: worker.metricsUrl });
  const cpu = new CpuTimeline(phase.pids);
  cpu.start();
  phase.probe.start();
  const published = await runScenario(
    {
      scenario: 'publish-at-rate',
      target: phase.target,
      reservations: phase.reservations,
      ratePerSecond: phase.ratePerSecond,
      durationMs: phase.durationMs,
      maxInFlight: profile.latency.maxInFlight,
    },
    { workspaceRoot: context.run.context.workspaceRoot, hardLimitMs: phase.durationMs + 60_000 },
  );
  const publishedIds = published.published.map((payment) => payment.messageId);
  const wait = await worker.untilHandled(publishedIds, profile.settleTimeoutMs);
  cpu.stop();
  const backendProbeMs = phase.probe.stop();
  const after = await scrapeStackOnceCounted({ ...phase.urls, worker: worker.metricsUrl }, before, countHandled(worker, publishedIds));
  const events = published.published.flatMap((payment) => {
    const event = worker.handled.get(payment.messageId);
    return event ? [{ payment, event }] : [];
  });
  const publishOutcomes = Object.fromEntries(Object.entries(published.run.outcomes).map(([outcome, stats]) => [outcome, stats.count]));
  const first = Math.min(...published.published.map((payment) => payment.publishedAtMs));
  const last = Math.max(...events.map(({ event }) => event.atMs));
  return {
    method:
      'open loop: payment.approved events are due at a fixed rate whatever the worker does; each is timed from when it was due ' +
      "to the worker's `event handled` line (reservation CONFIRMED and the processed-event record written)",
    fractionOfThroughput: profile.latency.fractionOfThroughput,
    targetRatePerSecond: phase.ratePerSecond,
    offeredPerSecond: published.run.offeredPerSecond,
    sendLagP99Ms: published.run.sendLagP99Ms,
    publishOutcomes,
    published: published.published.length,
    handled: events.length,
    missing: wait.missing.length,
    latencyMs: summariseLatencies(events.map(({ payment, event }) => Math.max(0, event.atMs - payment.publishedAtMs))),
    putEventsMs: summariseLatencies(published.published.map((payment) => payment.putEventsMs)),
    results: countBy(
      events.map(({ event }) => event),
      (event) => event.result,
    ),
    redelivered: events.filter(({ event }) => event.receiveCount > 1).length,
    cpu: Number.isFinite(first) && Number.isFinite(last) ? cpu.between(first, last) : cpu.between(0, Number.POSITIVE_INFINITY),
    backendProbeMs,
    serverSide: phaseServerSide(before, after),
  };
}

function countHandled(worker: WorkerService, messageIds: readonly string[]): number {
  return messageIds.filter((id) => worker.handled.has(id)).length;
}
