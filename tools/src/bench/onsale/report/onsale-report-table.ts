import { describeCounts, fixed, percentiles } from '../../shared/report/formatting';
import { reportClosing, reportHeading } from '../../shared/report/report-text';
import { textTable } from '../../shared/report/text-table';
import type { ContendedPhase, OnSaleBenchReport } from './onsale-bench-report';
import { renderSaleChart } from './sale-chart';

/** The report as the readable text the CLI prints. */
export function renderOnSaleReport(report: OnSaleBenchReport, reportPaths: readonly string[]): string {
  const { settings, sale, watchers, streamDelivery, refusalsWhileFree, serverErrors, dynamodb, contended, ceiling, cpu, processes, invariants } = report;
  const { machine } = report;
  const count = (value: number) => value.toLocaleString('en-US');
  const lines: string[] = [
    ...reportHeading(`On-sale benchmark${settings.killRedis ? ' with Redis killed mid-sale' : ''}`, report),
    `event: ${count(settings.event.seats)} seats (${settings.event.layout}); ${count(settings.mix.buyers)} buyers, ${settings.buyerConcurrency} at a time ` +
      `(${Math.round(settings.mix.bestAvailableShare * 100)} % best-available qty 1–4, the others pick seats from a section's map; ` +
      `up to ${settings.mix.maxTries} tries each); ${count(settings.watchers)} seat-stream watchers (${settings.sampledWatchers} timed)`,
    `winners: ${Math.round(settings.mix.cancelShare * 100)} % cancel after ${settings.mix.cancelAfterMs.map((ms) => ms / 1000).join('–')} s, ` +
      `${Math.round(settings.mix.payShare * 100)} % pay after the sale (internal payment endpoint, as the worker), the rest keep their holds (they expire after the run)`,
    `api: ${settings.apiEntry}; inventory: ${settings.inventoryEntry}; NODE_OPTIONS ${settings.apiNodeOptions}; outbox relay ${settings.outboxRelay}`,
    `redis: ${settings.redis}`,
    '',
    `The sale — ${fixed(sale.seconds, 1)} s, ${count(sale.admitted)} buyers admitted${sale.notAdmitted > 0 ? ` (${count(sale.notAdmitted)} not: time limit)` : ''}; ` +
      `${count(sale.created)} reservations, ${count(sale.refused)} refusals (${fixed(sale.refusedPerSecond, 0)}/s), ${count(sale.cancelled)} cancelled`,
    `  journeys: ${describeCounts(sale.journeys)}`,
    `  sold out: ${sale.sellOut.reached ? `after ${fixed(sale.sellOut.seconds, 2)} s` : `NOT sold out (last 201 after ${fixed(sale.sellOut.seconds, 2)} s)`} ` +
      `(${sale.sellOut.source}; the seat stream first showed no free seat after ${sale.sellOut.streamSeconds === undefined ? '—' : `${fixed(sale.sellOut.streamSeconds, 1)} s`}), ` +
      `${count(sale.sellOut.holds)} holds of ${count(sale.sellOut.seats)} seats`,
    `  bare DynamoDB ceiling for the same ${count(ceiling.holds)} holds: ${fixed(ceiling.seconds, 2)} s (${fixed(ceiling.perSecond, 0)} holds/s, ` +
      `${ceiling.concurrency} in flight${ceiling.errors > 0 ? `, ${ceiling.errors} failed` : ''}) → sell-out took ${fixed(ceiling.sellOutRatio, 2)} × the ceiling`,
    '',
    ...renderSaleChart(sale.perSecond, settings.event.seats, outageMarks(report)),
    '',
    ...textTable(
      ['Latency by endpoint (client side)', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'outcomes'],
      Object.entries(report.endpoints).map(([name, calls]) => [name, count(calls.count), ...percentiles(calls.latencyMs), describeCounts(calls.outcomes)]),
    ),
    ...Object.entries(report.endpoints).flatMap(([name, calls]) =>
      Object.keys(calls.latencyByOutcomeMs).length > 1
        ? [`  ${name} by outcome: ${Object.entries(calls.latencyByOutcomeMs).map(([outcome, latency]) => `${outcome} p50 ${fixed(latency.p50, 1)} / p95 ${fixed(latency.p95, 1)} ms`).join('; ')}`]
        : [],
    ),
    `  approved payments after the sale: ${describeCounts(report.payments.outcomes)}; p95 ${fixed(report.payments.latencyMs.p95, 1)} ms`,
    '',
    `Seat stream: ${count(watchers.connected)} watchers connected${watchers.failedToConnect > 0 ? `, ${watchers.failedToConnect} failed (${watchers.connectErrors.join('; ')})` : ''}, ` +
      `${watchers.neverAnswered > 0 ? `${watchers.neverAnswered} never answered, ` : ''}${watchers.droppedEarly} dropped early, ${watchers.extraSnapshots} extra snapshots; 'seats' events per watcher ${watchers.seatEvents.min}–${watchers.seatEvents.max} ` +
      `(${count(watchers.seatEvents.total)} in all, ${fixed(watchers.megabytesReceived, 1)} MB)`,
    `  delivery 201 → watcher: p50 ${fixed(streamDelivery.delayMs.p50, 0)} ms, p95 ${fixed(streamDelivery.delayMs.p95, 0)} ms, p99 ${fixed(streamDelivery.delayMs.p99, 0)} ms, ` +
      `max ${fixed(streamDelivery.delayMs.max, 0)} ms over ${count(streamDelivery.deliveries)} (201, watcher) pairs; ` +
      `${streamDelivery.notSeenByRecorder} holds never named (the seat went from one hold to the next between two readings), ` +
      `${streamDelivery.missing} events missing at a sampled watcher`,
    `  how: ${streamDelivery.method}`,
    '',
    `Refusals while seats that met the request were free (estimate): ${refusalsWhileFree.whileFree} of ${count(refusalsWhileFree.refused)} ` +
      `(${describeCounts(refusalsWhileFree.whileFreeByCode)}); refusals by code: ${describeCounts(refusalsWhileFree.byCode)}`,
    `  how: ${refusalsWhileFree.method}`,
    `5xx or unanswered: ${serverErrors.total} (sale ${serverErrors.sale}${Object.entries(serverErrors.otherPhases).map(([phase, errors]) => `, ${phase} ${errors}`).join('')})` +
      (Object.keys(serverErrors.byOutcome).length > 0 ? ` — ${describeCounts(serverErrors.byOutcome)}` : ''),
    ...(report.redisOutage
      ? [
          `Redis outage: ${report.redisOutage.note}`,
          ...textTable(
            ['window', 'from s', 'to s', 'requests', '201', 'refused', '5xx'],
            report.redisOutage.windows.map((window) => [
              window.name,
              fixed(window.fromSecond, 1),
              fixed(window.toSecond, 1),
              count(window.requests),
              count(window.created),
              count(window.refused),
              String(window.serverErrors),
            ]),
          ),
        ]
      : []),
    '',
    `DynamoDB calls of the API over the sale: ${describeCounts(dynamodb.sale.apiCalls)}; granted POSTs and cancels account for ${describeCounts(dynamodb.sale.accountedFor)}`,
    `  → ${dynamodb.sale.unaccounted} left for ${count(dynamodb.sale.refusedPosts)} refused POSTs = ${dynamodb.sale.perRefusedPost} per refused POST`,
    `  inventory over the sale: DynamoDB ${describeCounts(dynamodb.sale.inventory.dynamodbCalls)}; holds ${describeCounts(dynamodb.sale.inventory.holds)}; ` +
      `Redis gate ${describeCounts(dynamodb.sale.inventory.redisGate)}; seat views ${describeCounts(dynamodb.sale.inventory.seatViewReads)}; ` +
      `server-side mean ms ${describeCounts(dynamodb.sale.inventory.serverMeanMs)}`,
    `  the inventory's hold transactions: ${describeCounts(dynamodb.sale.holdTransactions.byOutcome)}, mean ${fixed(dynamodb.sale.holdTransactions.meanMs, 1)} ms ` +
      `(median ≈ ${fixed(dynamodb.sale.holdTransactions.p50EstimateMs, 0)} ms)`,
    `  how: ${dynamodb.method}`,
    '',
    `Contended requests (${contended.method})`,
    ...textTable(
      ['', 'refusals/s', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'DynamoDB/refusal', 'CPU ms/refusal (service)'],
      [contendedRow('HoldSeats on the inventory → conflict', contended.inventory, 'inventory'), contendedRow('POST through the API → 409', contended.api, 'api')],
    ),
    `  API ÷ inventory: ${fixed(contended.ratio * 100, 1)} %`,
    '',
    `CPU over the sale (% of one core; ${machine.cpus} cores = ${machine.cpus * 100} %; ${count(cpu.sale.apiRequests)} API requests, ${count(cpu.sale.inventoryRpcs)} inventory RPCs)`,
    ...textTable(
      ['process', 'CPU s', '% of a core', 'ms per API request'],
      [
        ...Object.entries(cpu.sale.processPercentOfCore).map(([name, percent]) => [
          name,
          fixed(cpu.sale.processCpuSeconds[name] ?? 0, 1),
          fixed(percent, 0),
          fixed(cpu.sale.msPerApiRequest[name] ?? 0, 2),
        ]),
        ['whole machine', '', `${fixed(cpu.sale.machineBusyPercent * machine.cpus, 0)}`, ''],
      ],
    ),
    `Peak RSS (after setup): API ${fixed(processes.api.peakRssMb, 1)} MB, inventory ${fixed(processes.inventory.peakRssMb, 1)} MB; ` +
      `logged: API ${processes.api.logs.warnings} warning(s) ${processes.api.logs.errors} error(s), inventory ${processes.inventory.logs.warnings} / ${processes.inventory.logs.errors}` +
      (Object.keys(processes.api.logs.messages).length > 0 ? `; API: ${describeCounts(processes.api.logs.messages)}` : '') +
      (Object.keys(processes.inventory.logs.messages).length > 0 ? `; inventory: ${describeCounts(processes.inventory.logs.messages)}` : ''),
    '',
    `Invariant check: ${invariants.pass ? 'PASS' : 'FAIL'} — ${count(invariants.seats)} seats (${describeCounts(invariants.seatStatuses)}), ` +
      `${count(invariants.holds)} holds (${describeCounts(invariants.holdStatuses)}), ${count(invariants.reservations)} reservations (${describeCounts(invariants.reservationStatuses)})`,
    `  violations: ${describeCounts(invariants.violations)}; live holds without a reservation: ${invariants.liveHoldsWithoutReservation}` +
      (invariants.samples.length > 0 ? ` — e.g. ${invariants.samples.slice(0, 3).join('; ')}` : ''),
    `  how: ${invariants.method}`,
    '',
    'Notes',
    ...report.notes.map((note) => `  - ${note}`),
    '',
    ...reportClosing(report.targets, reportPaths),
  ];
  return `${lines.join('\n')}\n`;
}

function contendedRow(name: string, phase: ContendedPhase, service: string): string[] {
  return [
    name,
    fixed(phase.perSecond, 0),
    String(phase.refusals),
    ...percentiles(phase.latencyMs),
    fixed(phase.dynamodbCallsPerRefusal, 3),
    `${fixed(phase.cpuMsPerRefusal[service] ?? 0, 2)}${service === 'api' ? ` (+ inventory ${fixed(phase.cpuMsPerRefusal['inventory'] ?? 0, 2)})` : ''}`,
  ];
}

/** The kill and the restart of Redis, by second of the sale, for the chart. */
function outageMarks(report: OnSaleBenchReport): Map<number, string> {
  const marks = new Map<number, string>();
  const outage = report.redisOutage;
  if (outage?.killedAtSecond !== undefined) marks.set(Math.floor(outage.killedAtSecond), 'Redis killed');
  if (outage?.restartedAtSecond !== undefined) marks.set(Math.floor(outage.restartedAtSecond), 'Redis back (empty)');
  return marks;
}
