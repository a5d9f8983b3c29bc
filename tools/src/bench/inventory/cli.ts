/**
 * `npm run bench:inventory [-- --quick] [-- --out-dir <dir>] [-- --cpu-prof <dir>]`
 *
 * Benchmarks the inventory's hold path against the local stand-ins: starts what it needs (DynamoDB
 * Local and Redis through the local-infra API, fresh tables, the inventory as its own process),
 * drives bounded load from separate load-generator processes over loopback gRPC, measures the bare
 * DynamoDB and Redis ceilings in the same run, prints a table and writes JSON to
 * `.local/bench/inventory-<timestamp>.json` and `.local/bench/inventory-latest.json`.
 *
 * - `--quick`: every scenario for a second or two on small events (the smoke test's mode); writes
 *   `inventory-quick-…` files so it never replaces the latest real report.
 * - `--out-dir <dir>`: where the JSON goes (default `.local/bench`).
 * - `--cpu-prof <dir>`: the inventory process writes a V8 CPU profile there when it stops.
 * - `--inventory-node-options "<options>"`: extra NODE_OPTIONS for the inventory process, e.g.
 *   `--max-old-space-size=128` to see how much of its memory is live (the report records them).
 * - `--inventory-entry <file>`: run this file as the inventory instead of apps/inventory/src/main.ts
 *   (through tsx); a `.js`/`.mjs` file, e.g. a bundled build, runs on plain node.
 *
 * Exits 0 when the run completed (missed targets are reported, not fatal), 1 when it failed,
 * 130/143 when interrupted. Whatever happens, it stops what it started and deletes its tables
 * and Redis keys; stand-ins that were already running stay up.
 */
import { resolve } from 'node:path';
import { runBenchCli } from '../shared/bench-cli';
import { fullProfile, quickProfile } from './bench-profile';
import { renderReport } from './report/report-table';
import { runInventoryBenchmark } from './run-inventory-bench';

runBenchCli({
  name: 'bench',
  reportStem: 'inventory',
  options: ['--cpu-prof', '--inventory-node-options', '--inventory-entry'],
  usage:
    'usage: bench:inventory [--quick] [--out-dir <dir>] [--cpu-prof <dir>] [--inventory-node-options "<options>"] [--inventory-entry <file>]',
  parse: ({ values }) => {
    const resolved = (option: string) => {
      const value = values.get(option);
      return value === undefined ? undefined : resolve(value);
    };
    return {
      cpuProfileDir: resolved('--cpu-prof'),
      inventoryNodeOptions: values.get('--inventory-node-options'),
      inventoryEntry: resolved('--inventory-entry'),
    };
  },
  watchdogMs: (quick) => (quick ? 240_000 : 360_000),
  measure: (options, context) => runInventoryBenchmark(options.quick ? quickProfile : fullProfile, { ...context, ...options }),
  render: (report, reportPaths, options) =>
    renderReport(report, reportPaths) + (options.cpuProfileDir ? `CPU profile of the inventory process: ${options.cpuProfileDir}\n` : ''),
});
