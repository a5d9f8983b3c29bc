/**
 * Ends a workspace test run: adds up the JSON reports every project's vitest run wrote (see
 * vitest.preset.ts), prints the ten slowest test files, the tests and hooks close to their timeout
 * and the run's total time, the workspace's totals in vitest's own shape (`Tests  N passed (N)`),
 * then one closing line, `tests: N passed, N failed, N skipped`, so CI reads a single verdict for
 * the whole workspace. Exits non-zero when anything failed or when no
 * test ran at all.
 *
 * Usage: tsx tools/src/test-summary/cli.ts <directory of vitest JSON reports> [--started-at <epoch ms>]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProjectTiming } from '../../../vitest.timing-reporter';
import { runDuration, timingSummary, workspaceTestsLine } from './timing-summary';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'started-at': { type: 'string' } } });
const [directory] = positionals;
if (!directory) {
  console.error('usage: test-summary <directory of vitest JSON reports> [--started-at <epoch ms>]');
  process.exit(2);
}

/** The `.json` files of a directory, parsed; none when the directory does not exist. */
function readReports<T>(folder: string): T[] {
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((file) => file.endsWith('.json'));
  } catch {
    // No directory means no project reported: the summary below says so and fails.
  }
  return files.map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as T);
}

const reports = readReports<VitestJsonReport>(directory);
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const report of reports) {
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

for (const line of timingSummary(readReports<ProjectTiming>(join(directory, 'timing')))) console.log(line);
const startedAt = Number(values['started-at']);
if (Number.isFinite(startedAt) && startedAt > 0) console.log(`total time: ${runDuration(Date.now() - startedAt)}`);
console.log(`reports: ${reports.length} projects`);
console.log(workspaceTestsLine(totals));
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
