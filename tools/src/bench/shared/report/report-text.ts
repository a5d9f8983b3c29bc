import type { BenchReportHeader } from '../bench-run';
import { renderTarget, type TargetResult } from './targets';

/** The first two lines of every report: which run, and the machine it ran on. */
export function reportHeading(title: string, report: BenchReportHeader<string>): string[] {
  const { machine } = report;
  return [
    `${title} (${report.mode}) — ${report.startedAt}, ${report.durationSeconds} s`,
    `${machine.cpus} CPU(s) ${machine.cpuModel}, ${machine.totalMemoryMb} MB, Node ${machine.node}, ` +
      `load average at start ${machine.loadAverageAtStart.join(' ')}`,
  ];
}

/** The end of every report: each target's verdict, the summary verdict and where the JSON went. */
export function reportClosing(targets: readonly TargetResult[], reportPaths: readonly string[]): string[] {
  const missed = targets.filter((target) => !target.pass);
  return [
    'Targets',
    ...targets.map(renderTarget),
    '',
    missed.length === 0
      ? 'All targets met.'
      : `MISSED ${missed.length} of ${targets.length} target(s): ${missed.map((target) => target.id).join(', ')}.`,
    ...reportPaths.map((path) => `JSON report: ${path}`),
  ];
}
