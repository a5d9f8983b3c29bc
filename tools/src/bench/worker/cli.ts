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
import { runBenchCli } from '../shared/bench-cli';
import { renderWorkerReport } from './report/worker-report-table';
import { runWorkerBenchmark } from './run-worker-bench';
import { fullWorkerProfile, quickWorkerProfile } from './worker-bench-profile';

runBenchCli({
  name: 'bench:worker',
  reportStem: 'worker',
  options: ['--worker-node-options'],
  usage: 'usage: bench:worker [--quick] [--out-dir <dir>] [--worker-node-options "<options>"]',
  parse: ({ values }) => ({ workerNodeOptions: values.get('--worker-node-options') }),
  watchdogMs: (quick) => (quick ? 240_000 : 600_000),
  measure: (options, context) => runWorkerBenchmark(options.quick ? quickWorkerProfile : fullWorkerProfile, { ...context, ...options }),
  render: (report, reportPaths) => renderWorkerReport(report, reportPaths),
});
