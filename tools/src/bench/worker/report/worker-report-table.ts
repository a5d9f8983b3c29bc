import { describeCounts, fixed, percent } from '../../shared/report/formatting';
import { reportClosing, reportHeading } from '../../shared/report/report-text';
import { textTable } from '../../shared/report/text-table';
import type { WorkerBenchReport, WorkerLevelResult } from './worker-bench-report';

/** Processes in the CPU table, in this order. */
const cpuColumns = ['worker', 'api', 'inventory', 'dynamodb', 'aws-emulator', 'redis'] as const;
/** Backends in the probe table, in this order. */
const probedBackends = ['aws-emulator', 'dynamodb', 'redis'] as const;

/** The report as the text the CLI prints: what ran, one table per measurement, the verdicts. */
export function renderWorkerReport(report: WorkerBenchReport, reportPaths: readonly string[]): string {
  const { machine, settings, levels } = report;
  const lines: string[] = [
    ...reportHeading('Reservation worker benchmark', report),
    `worker: ${settings.workerEntry} with NODE_OPTIONS ${settings.workerNodeOptions}, SQS_BATCH_SIZE ${settings.sqsBatchSize}, ` +
      `SQS_WAIT_TIME_SECONDS ${settings.sqsWaitTimeSeconds}; api: ${settings.apiEntry} and inventory: ${settings.inventoryEntry} with NODE_OPTIONS ${settings.apiNodeOptions}`,
    `stack: ${settings.stack}`,
    `publishing: ${settings.publishing}`,
    '',
    'Throughput — a backlog of payment.approved drained by a fresh worker (events handled after the warm-up ÷ the time they took)',
    ...textTable(
      ['WORKER_CONCURRENCY', 'events/s', 'events', 'window s', 'incl. start-up/s', 'missing', 'in flight ≈', 'handler ms', 'API GET ms', 'API payment ms', 'CommitHold ms', 'its txn ms'],
      levels.map((level) => {
        const { drain } = level;
        const server = drain.serverSide;
        return [
          String(level.concurrency),
          fixed(drain.eventsPerSecond, 1),
          String(drain.measuredEvents),
          fixed(drain.windowSeconds, 2),
          fixed(drain.fromStartEventsPerSecond, 1),
          String(drain.missing),
          fixed(drain.averageInFlight, 1),
          fixed(server.workerHandler.meanMs, 1),
          fixed(server.apiGet.meanMs, 1),
          fixed(server.apiPayment.meanMs, 1),
          fixed(server.inventoryCommit.meanMs, 1),
          fixed(server.inventoryCommitTransaction.meanMs, 1),
        ];
      }),
    ),
    '  (in flight ≈ events/s × handler mean, of WORKER_CONCURRENCY slots; handler = receive → settled in the worker; API, CommitHold and',
    '  its DynamoDB transaction = server-side means; all means over the whole drain, warm-up included)',
    ...levels.flatMap((level) => unexpected(`c=${level.concurrency} drain`, level.drain.results, level.drain.redelivered)),
    '',
    `Publish → final state — open loop at ${percent(levels[0]?.latency.fractionOfThroughput ?? 0)} of each level's throughput, ` +
      "from when each event was due to the worker's `event handled` line",
    ...textTable(
      ['WORKER_CONCURRENCY', 'rate/s', 'events', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'missing', 'PutEvents p50 ms', 'send lag p99 ms'],
      levels.map((level) => {
        const { latency } = level;
        return [
          String(level.concurrency),
          fixed(latency.targetRatePerSecond, 1),
          String(latency.handled),
          fixed(latency.latencyMs.p50, 1),
          fixed(latency.latencyMs.p95, 1),
          fixed(latency.latencyMs.p99, 1),
          fixed(latency.latencyMs.max, 1),
          String(latency.missing),
          fixed(latency.putEventsMs.p50, 1),
          fixed(latency.sendLagP99Ms, 1),
        ];
      }),
    ),
    ...levels.flatMap((level) => unexpected(`c=${level.concurrency} open loop`, level.latency.results, level.latency.redelivered)),
    ...levels.flatMap((level) => {
      const notPublished = Object.entries(level.latency.publishOutcomes).filter(([outcome]) => outcome !== 'published');
      return notPublished.length === 0 ? [] : [`  note: c=${level.concurrency} open loop: ${describeCounts(Object.fromEntries(notPublished))} not published`];
    }),
    '',
    `CPU during the drain (% of one core; ${machine.cpus} cores = ${machine.cpus * 100} %; "other" is everything else on the machine)`,
    ...cpuTable(levels, machine.cpus),
    '',
    'Backend answer times — p50 ms of a trivial call every 250 ms (GetQueueUrl, DescribeTable, PING): idle before the worker → during the drain',
    ...probeTable(levels),
    '',
    `Scaling: ${report.scaling.statement}`,
    '',
    `Reservations read back through the API: ${levels
      .map((level) => `c=${level.concurrency} ${describeCounts(level.verification.statuses)} of ${level.verification.checked}`)
      .join('; ')}`,
    ...levels.flatMap((level) =>
      level.verification.notConfirmedSample.length === 0
        ? []
        : [
            `  NOT CONFIRMED at c=${level.concurrency}: ${level.verification.notConfirmedSample
              .map((reservation) => `${reservation.reservationId} ${reservation.status}`)
              .join(', ')}`,
          ],
    ),
    `Worker process: peak RSS ${levels.map((level) => `c=${level.concurrency} ${fixed(level.worker.peakRssMb, 1)} MB`).join(', ')}; ` +
      `max ${fixed(report.workerPeakRssMb, 1)} MB; exit codes ${levels.map((level) => String(level.worker.exitCode)).join(', ')}`,
    ...levels.map(
      (level) =>
        `  c=${level.concurrency} worker log: ${level.worker.logs.warnings} warning(s), ${level.worker.logs.errors} error(s)` +
        (Object.keys(level.worker.logs.messages).length > 0 ? ` — ${describeCounts(level.worker.logs.messages)}` : '') +
        (Object.keys(level.worker.deadLetters).length > 0 ? `; dead-lettered ${describeCounts(level.worker.deadLetters)}` : ''),
    ),
    '',
    ...reportClosing(report.targets, reportPaths),
  ];
  return `${lines.join('\n')}\n`;
}

function cpuTable(levels: readonly WorkerLevelResult[], cpus: number): string[] {
  return textTable(
    ['WORKER_CONCURRENCY', 'machine busy', ...cpuColumns, 'other'],
    levels.map((level) => {
      const { cpu } = level.drain;
      const named = Object.values(cpu.processPercentOfCore).reduce((sum, value) => sum + value, 0);
      return [
        String(level.concurrency),
        `${fixed(cpu.machineBusyPercent, 0)} %`,
        ...cpuColumns.map((name) => {
          const value = cpu.processPercentOfCore[name];
          return value === undefined ? '-' : fixed(value, 0);
        }),
        fixed(Math.max(0, cpu.machineBusyPercent * cpus - named), 0),
      ];
    }),
  );
}

function probeTable(levels: readonly WorkerLevelResult[]): string[] {
  return textTable(
    ['WORKER_CONCURRENCY', ...probedBackends],
    levels.map((level) => [
      String(level.concurrency),
      ...probedBackends.map((backend) => {
        const idle = level.idleBackendProbeMs[backend].p50;
        const busy = level.drain.backendProbeMs[backend].p50;
        return `${fixed(idle, 1)} → ${fixed(busy, 1)} (×${fixed(idle > 0 ? busy / idle : 0, 1)})`;
      }),
    ]),
  );
}

/** A note when events ended other than `confirmed` or needed a redelivery. */
function unexpected(name: string, results: Readonly<Record<string, number>>, redelivered: number): string[] {
  const others = Object.entries(results).filter(([result]) => result !== 'confirmed');
  const notes: string[] = [];
  if (others.length > 0) notes.push(`  note: ${name}: results ${describeCounts(Object.fromEntries(others))}`);
  if (redelivered > 0) notes.push(`  note: ${name}: ${redelivered} event(s) finished on a redelivery (a retry)`);
  return notes;
}
