import { describeCounts, fixed, percentiles } from '../../shared/report/formatting';
import { reportClosing, reportHeading } from '../../shared/report/report-text';
import { textTable as table } from '../../shared/report/text-table';
import type { LatencySummary } from '../../shared/load/latency-summary';
import type { InventoryBenchReport } from './bench-report';

/** The report as the readable text the CLI prints. */
export function renderReport(report: InventoryBenchReport, reportPaths: readonly string[]): string {
  const { holds, ceilings, settings, inventoryProcess } = report;
  const { rounds, window } = settings.holdsVersusCeiling;
  const windowSeconds = window.durationMs / 1000;
  const rates = (values: readonly number[]) => values.map((rate) => fixed(rate, 0)).join(' / ');
  const lines: string[] = [];
  lines.push(
    ...reportHeading('Inventory benchmark', report),
    `concurrency ${settings.concurrency}, ${settings.seatsPerHold} seats per hold; events: ${describeEvents(report)}`,
    `inventory: ${settings.inventoryEntry}${settings.inventoryNodeOptions ? ` with NODE_OPTIONS ${settings.inventoryNodeOptions}` : ''}`,
    '',
  );

  lines.push(
    ...table(
      ['Throughput', 'per s', 'count', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        throughputRow('successful holds (uncontended)', holds.uncontended),
        throughputRow('rejected holds (contended, Redis up)', holds.contended),
        throughputRow('bare TransactWriteItems (ceiling)', ceilings.dynamodbTransactWriteItems),
        throughputRow('bare Redis EVALSHA (ceiling)', ceilings.redisEvalsha),
      ],
    ),
    `  successful holds/s ÷ bare TransactWriteItems/s = ${fixed(report.ratios.successfulHoldsPerBareTransaction, 3)}`,
    `  per window (alternating, ${rounds} × ${windowSeconds} s each): holds ${rates(holds.uncontended.windowRates)}; ` +
      `ceiling ${rates(ceilings.dynamodbTransactWriteItems.windowRates)}`,
    `  ceiling shape: ${ceilings.dynamodbTransactWriteItems.shape}`,
    '',
  );

  const failures = [
    ['uncontended holds', holds.uncontended.outcomes, 'held'],
    ['contended holds', holds.contended.outcomes, 'inventory_conflict'],
  ] as const;
  for (const [name, outcomes, expected] of failures) {
    const others = Object.entries(outcomes).filter(([outcome]) => outcome !== expected);
    if (others.length === 0) continue;
    lines.push(`  note: ${name} also ended as ${others.map(([outcome, count]) => `${outcome} × ${count}`).join(', ')}`);
  }

  lines.push(
    'DynamoDB calls (deltas of the inventory\'s inventory_dynamodb_calls_total ÷ inventory_holds_total)',
    `  per successful hold: ${fixed(holds.uncontended.dynamodbCallsPerSuccessfulHold, 3)}   ` +
      describeCounts(report.serverMetrics['holds-vs-ceiling']?.dynamodbCalls),
    `  per rejected hold:   ${fixed(holds.contended.dynamodbCallsPerRejectedHold, 4)}   Redis gate: ` +
      describeCounts(report.serverMetrics['contended-holds']?.redisGate),
    '',
  );

  lines.push(
    ...table(
      ['RPC latency (client side)', 'calls', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'server mean ms'],
      [
        ...Object.entries(report.rpcs).map(([rpc, latency]) => [
          `${rpc} (${latency.note})`,
          String(latency.calls),
          String(latency.failed),
          ...percentiles(latency.latencyMs),
          latency.serverMeanMs === undefined ? '-' : fixed(latency.serverMeanMs, 2),
        ]),
        [
          `GetSeatMap (whole event, ${report.seatMap.seatsPerResponse.toLocaleString('en-US')} seats, sequential)`,
          String(report.seatMap.calls),
          String(report.seatMap.calls - report.seatMap.latencyMs.count),
          ...percentiles(report.seatMap.latencyMs),
          report.seatMap.serverMeanMs === undefined ? '-' : fixed(report.seatMap.serverMeanMs, 2),
        ],
      ],
    ),
    '',
    `Inventory process (pid ${inventoryProcess.pid}): peak RSS ${fixed(inventoryProcess.peakRssMb, 1)} MB since ` +
      `${inventoryProcess.peakRssFrom}; ${fixed(inventoryProcess.peakRssIncludingSetupMb, 1)} MB over its whole life`,
    `  RSS after ${Object.entries(inventoryProcess.rssMbAfter).map(([step, mb]) => `${step} ${fixed(mb, 0)}`).join(', ')} (MB)`,
    '',
  );
  lines.push(...reportClosing(report.targets, reportPaths));
  return `${lines.join('\n')}\n`;
}

function describeEvents(report: InventoryBenchReport): string {
  return Object.entries(report.settings.events)
    .map(([role, event]) => `${role} ${event.seats.toLocaleString('en-US')} seats in ${event.sections} section(s)`)
    .join(', ');
}

function throughputRow(name: string, result: { perSecond: number; count: number; latencyMs: LatencySummary }): string[] {
  return [name, fixed(result.perSecond, 1), String(result.count), ...percentiles(result.latencyMs)];
}
