/**
 * `npm run bench:api [-- --quick] [-- --out-dir <dir>] [-- --cpu-prof <dir>] [-- --api-node-options "<options>"] [-- --rate-limit]`
 *
 * Benchmarks the reservation API end to end on this machine: starts the stand-ins it needs
 * (DynamoDB Local, Redis, the SQS/EventBridge emulator) through the local-infra API, provisions
 * every table, queue and bus under a fresh prefix, runs the inventory and the API as bundles on
 * plain Node with production NODE_OPTIONS, drives the API over loopback HTTP from separate
 * load-generator processes, prints a table and writes JSON to `.local/bench/api-<timestamp>.json`
 * and `.local/bench/api-latest.json`.
 *
 * - `--quick`: every scenario for about a second on small events (the smoke test's mode); writes
 *   `api-quick-…` files so it never replaces the latest real report.
 * - `--out-dir <dir>`: where the JSON goes (default `.local/bench`).
 * - `--cpu-prof <dir>`: the API process writes a V8 CPU profile there when it stops.
 * - `--api-node-options "<options>"`: NODE_OPTIONS of the API instead of the production ones.
 * - `--rate-limit`: keep the API's per-user rate limiting on (off by default; every request is a
 *   new user either way, so it measures the limiter's cost, not its refusals).
 *
 * Exits 0 when the run completed (missed targets are reported, not fatal), 1 when it failed,
 * 130/143 when interrupted. Whatever happens, it stops what it started and deletes its
 * resources and Redis keys; stand-ins that were already running stay up.
 */
import { resolve } from 'node:path';
import { runBenchCli } from '../shared/bench-cli';
import { fullApiProfile, quickApiProfile } from './api-bench-profile';
import { renderApiReport } from './report/api-report-table';
import { runApiBenchmark } from './run-api-bench';

runBenchCli({
  name: 'bench:api',
  reportStem: 'api',
  switches: ['--rate-limit'],
  options: ['--cpu-prof', '--api-node-options'],
  usage: 'usage: bench:api [--quick] [--out-dir <dir>] [--cpu-prof <dir>] [--api-node-options "<options>"] [--rate-limit]',
  parse: ({ switches, values }) => {
    const cpuProfileDir = values.get('--cpu-prof');
    return {
      cpuProfileDir: cpuProfileDir === undefined ? undefined : resolve(cpuProfileDir),
      apiNodeOptions: values.get('--api-node-options'),
      rateLimit: switches.has('--rate-limit'),
    };
  },
  watchdogMs: (quick) => (quick ? 240_000 : 300_000),
  measure: (options, context) => runApiBenchmark(options.quick ? quickApiProfile : fullApiProfile, { ...context, ...options }),
  render: (report, reportPaths, options) =>
    renderApiReport(report, reportPaths) + (options.cpuProfileDir ? `CPU profile of the API process: ${options.cpuProfileDir}\n` : ''),
});
