/**
 * `npm run bench:onsale [-- --quick] [-- --kill-redis] [-- --out-dir <dir>]`
 *
 * An on-sale on this machine, end to end: a 10,000-seat event goes on sale to 20,000 simulated
 * buyers (60 % best-available `qty` 1–4, 40 % picking seats from a section's map, trying again
 * when refused) while 2,000 clients watch the seat stream. Starts the stand-ins it needs (DynamoDB
 * Local, the SQS/EventBridge emulator) and a private redis-server, provisions every table under a
 * fresh prefix, runs the inventory and the API as bundles with production NODE_OPTIONS (the API's
 * outbox relay off), drives them from separate load-generator processes (watchers, buyers), then
 * checks the sale's end state straight in DynamoDB. Prints the report with a chart of the sale
 * and writes JSON to `.local/bench/onsale-<timestamp>.json` and `.local/bench/onsale-latest.json`.
 *
 * - `--quick`: a 400-seat event, 600 buyers, 20 watchers, a few seconds (the smoke test's mode);
 *   writes `onsale-quick-…` files so it never replaces the latest real report.
 * - `--kill-redis`: kills the private redis-server once a quarter of the expected holds are
 *   granted and starts it again (empty) a few seconds later; the report counts 5xx before, during
 *   and after.
 * - `--out-dir <dir>`: where the JSON goes (default `.local/bench`).
 *
 * Exits 0 when the run completed (missed targets are reported, not fatal), 1 when it failed,
 * 130/143 when interrupted. Whatever happens, it stops what it started and deletes its resources;
 * stand-ins that were already running stay up.
 */
import { runBenchCli } from '../shared/bench-cli';
import { fullOnSaleProfile, quickOnSaleProfile } from './onsale-bench-profile';
import { renderOnSaleReport } from './report/onsale-report-table';
import { runOnSaleBenchmark } from './run-onsale-bench';

runBenchCli({
  name: 'bench:onsale',
  reportStem: 'onsale',
  switches: ['--kill-redis'],
  usage: 'usage: bench:onsale [--quick] [--kill-redis] [--out-dir <dir>]',
  parse: ({ switches }) => ({ killRedis: switches.has('--kill-redis') }),
  watchdogMs: (quick) => (quick ? 240_000 : 360_000),
  measure: (options, context) => runOnSaleBenchmark(options.quick ? quickOnSaleProfile : fullOnSaleProfile, { ...context, killRedis: options.killRedis }),
  render: (report, reportPaths) => renderOnSaleReport(report, reportPaths),
});
