/**
 * Adds up the JSON reports every project's vitest run wrote (see nx.json's test target) and prints
 * one closing line, `tests: N passed, N failed, N skipped`, so CI reads a single verdict for the
 * whole workspace. Exits non-zero when anything failed or when no test ran at all.
 *
 * Usage: tsx tools/src/test-summary.ts <directory of vitest JSON reports>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const directory = process.argv[2];
if (!directory) {
  console.error('usage: test-summary <directory of vitest JSON reports>');
  process.exit(2);
}

let files: string[] = [];
try {
  files = readdirSync(directory).filter((file) => file.endsWith('.json'));
} catch {
  // No directory means no project reported: the summary below says so and fails.
}
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const report = JSON.parse(readFileSync(join(directory, file), 'utf8')) as VitestJsonReport;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

console.log(`reports: ${files.length} projects`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
