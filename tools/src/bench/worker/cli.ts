/**
 * `npm run bench:worker [-- --quick] [-- --out-dir <dir>] [-- --worker-node-options "<options>"]`
 *
 * Benchmarks the reservation worker end to end on this machine: payment.approved events published
 * to the bus → SQS → the worker → the reservation API → the inventory, at WORKER_CONCURRENCY 1, 10
 * and 50. Starts the stand-ins it needs (DynamoDB Local, Redis, the SQS/EventBridge emulator)
 * through the local-infra API; per level provisions fresh resources and runs the inventory, the
 * API and a new worker as bundles on plain Node with production NODE_OPTIONS; publishes from
 * separate load-generator processes; prints a table and writes JSON to
 * `.local/bench/worker-<timestamp>.json` and `.local/bench/worker-latest.json`.
 *
 * - `--quick`: every level with a handful of events (the smoke test's mode); writes
 *   `worker-quick-…` files so it never replaces the latest real report.
 * - `--out-dir <dir>`: where the JSON goes (default `.local/bench`).
 * - `--worker-node-options "<options>"`: NODE_OPTIONS of the worker instead of the production ones.
 *
 * Exits 0 when the run completed (a missed target is reported, not fatal), 1 when it failed,
 * 130/143 when interrupted. Whatever happens, it stops what it started and deletes its
 * resources and Redis keys; stand-ins that were already running stay up.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchArguments, runBenchCli } from '../shared/bench-cli';
import { killJsonChildren } from '../shared/json-child-process';
import { writeReportFiles } from '../shared/report-files';
import { renderWorkerReport } from './report/worker-report-table';
import { runWorkerBenchmark } from './run-worker-bench';
import { fullWorkerProfile, quickWorkerProfile } from './worker-bench-profile';

/** This file sits at tools/src/bench/worker/, four levels below the workspace root. */
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const usage = 'usage: bench:worker [--quick] [--out-dir <dir>] [--worker-node-options "<options>"]';

interface CliOptions {
  readonly quick: boolean;
  readonly outDir: string;
  readonly workerNodeOptions: string | undefined;
}

function parseArguments(argv: readonly string[]): CliOptions {
  const { switches, values } = readBenchArguments(argv, { switches: ['--quick'], options: ['--out-dir', '--worker-node-options'], usage });
  return {
    quick: switches.has('--quick'),
    outDir: resolve(values.get('--out-dir') ?? resolve(workspaceRoot, '.local/bench')),
    workerNodeOptions: values.get('--worker-node-options'),
  };
}

runBenchCli({
  name: 'bench:worker',
  parse: parseArguments,
  watchdogMs: (options) => (options.quick ? 240_000 : 600_000),
  killChildren: killJsonChildren,
  measure: (options, { cleanup, progress }) =>
    runWorkerBenchmark(options.quick ? quickWorkerProfile : fullWorkerProfile, {
      workspaceRoot,
      cleanup,
      progress,
      workerNodeOptions: options.workerNodeOptions,
    }),
  present: async (report, options) => renderWorkerReport(report, await writeReportFiles(report, 'worker', options.outDir)),
});
