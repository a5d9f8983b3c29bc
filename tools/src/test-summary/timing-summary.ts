import type { ProjectTiming } from '../../../vitest.timing-reporter';

/**
 * The lines that end a test run's output about time: the `count` slowest test files of all
 * projects, then every test or hook that used more than half of its timeout (the ones to make
 * faster or give room before a slower machine fails them).
 */
export function timingSummary(projects: readonly ProjectTiming[], count = 10): string[] {
  const files = projects.flatMap((project) => project.files).sort((a, b) => b.durationMs - a.durationMs);
  const nearLimit = projects.flatMap((project) => project.nearLimit).sort((a, b) => b.durationMs / b.limitMs - a.durationMs / a.limitMs);
  const lines = [`slowest ${Math.min(count, files.length)} test files (imports, hooks and tests):`];
  for (const { file, durationMs } of files.slice(0, count)) lines.push(`  ${seconds(durationMs).padStart(8)}  ${file}`);
  lines.push('tests and hooks past half of their timeout:');
  if (nearLimit.length === 0) lines.push('  none');
  for (const step of nearLimit) {
    lines.push(`  ${seconds(step.durationMs).padStart(8)} of ${seconds(step.limitMs)}  ${step.file} › ${step.name}`);
  }
  return lines;
}

/** `4 min 03 s` for a whole run. */
export function runDuration(durationMs: number): string {
  const totalSeconds = Math.round(durationMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

function seconds(durationMs: number): string {
  return `${(durationMs / 1000).toFixed(1)} s`;
}

/** The workspace's totals as vitest prints a run's: `      Tests  2 failed | 1009 passed | 3 skipped (1014)`. */
export function workspaceTestsLine(totals: { readonly passed: number; readonly failed: number; readonly skipped: number }): string {
  const parts = [
    totals.failed > 0 ? `${totals.failed} failed` : undefined,
    `${totals.passed} passed`,
    totals.skipped > 0 ? `${totals.skipped} skipped` : undefined,
  ].filter((part) => part !== undefined);
  return `      Tests  ${parts.join(' | ')} (${totals.passed + totals.failed + totals.skipped})`;
}
