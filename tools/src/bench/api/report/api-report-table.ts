import { describeCounts, fixed, percentiles } from '../../shared/report/formatting';
import { reportClosing, reportHeading } from '../../shared/report/report-text';
import { textTable } from '../../shared/report/text-table';
import type { ApiBenchReport, ApiCallsResult } from './api-bench-report';

/** The report as the readable text the CLI prints. */
export function renderApiReport(report: ApiBenchReport, reportPaths: readonly string[]): string {
  const { machine, settings, saturation, atRate, contended, seatMap, apiOverhead, apiProcess } = report;
  const lines: string[] = [];
  lines.push(
    ...reportHeading('Reservation API benchmark', report),
    `api: ${settings.apiEntry} with NODE_OPTIONS ${settings.apiNodeOptions}; inventory: ${settings.inventoryEntry} with NODE_OPTIONS ${settings.inventoryNodeOptions}`,
    `events: ${Object.entries(settings.events)
      .map(([role, event]) => `${role} ${event.seats.toLocaleString('en-US')} seats in ${event.sections} section(s)`)
      .join(', ')}; ${settings.seatsPerHold} seats per reservation`,
    `users: ${settings.users}`,
    `rate limiting: ${settings.rateLimit.note}`,
    '',
    `Saturation search — POST /v1/reservations, unique seats (${saturation.method})`,
    ...textTable(
      ['concurrency', '201/s', '201s', 'not 201', 'p50 ms', 'p95 ms', 'p99 ms'],
      saturation.steps.map((step) => [
        String(step.concurrency),
        fixed(step.perSecond, 1),
        String(step.count),
        `${fixed(step.failureShare * 100, 1)} %`,
        ...percentiles(step.latencyMs),
      ]),
    ),
    `  saturation: ${fixed(saturation.maxCreatedPerSecond, 1)} reservations/s at concurrency ${saturation.atConcurrency} (search stopped: ${saturation.stoppedBecause})`,
    ...otherOutcomes('saturation steps', mergeOutcomes(saturation.steps.map((step) => step.outcomes)), '201'),
    '',
  );

  lines.push(
    ...textTable(
      ['Throughput and latency (client side)', 'per s', 'count', 'p50 ms', 'p95 ms', 'p99 ms', '5xx'],
      [
        callsRow(`POST at ${fixed(atRate.targetRatePerSecond, 1)}/s (70 %, open loop) → 201`, atRate),
        callsRow(`POST contended seats (${contended.concurrency} clients) → 409`, contended),
        callsRow(
          `GET seat map, ${seatMap.seatsPerResponse.toLocaleString('en-US')} seats, ${fixed(seatMap.bytesPerResponse / 1024, 0)} KiB (${seatMap.concurrency} clients) → 200`,
          seatMap,
        ),
      ],
    ),
    `  seat map by concurrency: ${seatMap.steps
      .map(
        (step) =>
          `${step.concurrency} → ${fixed(step.perSecond, 1)}/s p95 ${fixed(step.latencyMs.p95, 0)} ms` +
          (step.failureShare > 0 ? ` (${fixed(step.failureShare * 100, 1)} % not 200)` : ''),
      )
      .join('; ')}`,
    `  open loop: offered ${fixed(atRate.offeredPerSecond, 1)}/s of ${fixed(atRate.targetRatePerSecond, 1)}/s asked; ` +
      `generator send lag p99 ${fixed(atRate.sendLagP99Ms, 2)} ms; latency counted from when each POST was due`,
    ...otherOutcomes('open-loop POSTs', atRate.outcomes, '201'),
    ...otherOutcomes('contended POSTs', contended.outcomes, '409 INVENTORY_CONFLICT'),
    ...otherOutcomes(
      'seat-map GETs',
      mergeOutcomes(seatMap.steps.map((step) => step.outcomes)),
      '200',
    ),
    '',
  );

  lines.push(
    'Server side (deltas of both services\' /metrics per phase; means exact, medians interpolated in histogram buckets)',
    ...textTable(
      ['phase', 'API route', 'calls', 'API mean', 'API p50≈', 'inventory RPC', 'inv mean', 'inv p50≈', 'API − inv (mean)'],
      Object.entries(report.serverSide).map(([name, phase]) => [
        name,
        phase.apiRoute.route,
        String(phase.apiRoute.count),
        fixed(phase.apiRoute.meanMs, 2),
        fixed(phase.apiRoute.p50EstimateMs, 1),
        phase.inventoryRpc.method,
        fixed(phase.inventoryRpc.meanMs, 2),
        fixed(phase.inventoryRpc.p50EstimateMs, 1),
        fixed(phase.addedMeanMs, 2),
      ]),
    ),
    `  API statuses: ${Object.entries(report.serverSide)
      .map(([name, phase]) => `${name} ${describeCounts(phase.apiRoute.statuses)}`)
      .join('; ')}`,
    `  outbox events published: ${Object.entries(report.serverSide)
      .map(([name, phase]) => `${name} ${phase.outboxPublished}`)
      .join(', ')}; relay idle again after ${Object.entries(report.outboxSettleSeconds)
      .map(([name, seconds]) => `${name} ${fixed(seconds, 1)} s`)
      .join(', ')}`,
    '',
    `CPU by phase (% of one core; ${machine.cpus} cores = ${machine.cpus * 100} %; "other" is mostly the load generator)`,
    ...textTable(
      ['phase', 'machine busy', 'api', 'inventory', 'dynamodb', 'redis', 'aws-emulator', 'other', 'API CPU ms/req', 'inv CPU ms/req'],
      Object.entries(report.serverSide).map(([name, phase]) => {
        const byProcess = phase.cpu.processPercentOfCore;
        const named = Object.values(byProcess).reduce((sum, value) => sum + value, 0);
        const percent = (value: number | undefined) => (value === undefined ? '-' : fixed(value, 0));
        return [
          name,
          `${fixed(phase.cpu.machineBusyPercent, 0)} %`,
          percent(byProcess['api']),
          percent(byProcess['inventory']),
          percent(byProcess['dynamodb']),
          percent(byProcess['redis']),
          percent(byProcess['aws-emulator']),
          fixed(Math.max(0, (phase.cpu.machineBusyPercent * machine.cpus) - named), 0),
          fixed(phase.cpu.apiCpuMsPerRequest, 2),
          fixed(phase.cpu.inventoryCpuMsPerRequest, 2),
        ];
      }),
    ),
    ...(
      [
        ['light load', apiOverhead.lightLoad],
        ['70 %', apiOverhead.atRate],
      ] as const
    ).map(
      ([name, overhead]) =>
        `  API's added latency at ${name} (${overhead.ratePerSecond}/s): ${fixed(overhead.addedMeanMs, 2)} ms (means); ` +
        `${fixed(overhead.addedP50EstimateMs, 1)} ms (histogram medians); ` +
        `client p50 − HoldSeats p50 ${fixed(overhead.clientP50MinusHoldSeatsP50Ms, 1)} ms`,
    ),
    '',
    `API process (pid ${apiProcess.pid}): peak RSS ${fixed(apiProcess.peakRssMb, 1)} MB; RSS after ` +
      `${Object.entries(apiProcess.rssMbAfter)
        .map(([step, mb]) => `${step} ${fixed(mb, 0)}`)
        .join(', ')} (MB); inventory peak RSS ${fixed(report.inventoryProcess.peakRssMb, 1)} MB`,
    `  API log: ${apiProcess.logs.warnings} warning(s), ${apiProcess.logs.errors} error(s)` +
      (Object.keys(apiProcess.logs.messages).length > 0 ? ` — ${describeCounts(apiProcess.logs.messages)}` : ''),
    '',
  );
  lines.push(...reportClosing(report.targets, reportPaths));
  return `${lines.join('\n')}\n`;
}

function callsRow(name: string, calls: ApiCallsResult): string[] {
  return [name, fixed(calls.perSecond, 1), String(calls.count), ...percentiles(calls.latencyMs), String(calls.serverErrors)];
}

function otherOutcomes(name: string, outcomes: Readonly<Record<string, number>>, expected: string): string[] {
  const others = Object.entries(outcomes).filter(([outcome]) => outcome !== expected);
  return others.length === 0 ? [] : [`  note: ${name} also ended as ${others.map(([outcome, count]) => `${outcome} × ${count}`).join(', ')}`];
}

function mergeOutcomes(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const outcomes of all) for (const [name, count] of Object.entries(outcomes)) merged[name] = (merged[name] ?? 0) + count;
  return merged;
}
