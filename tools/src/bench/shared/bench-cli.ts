import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killScenarioProcesses } from '../run-scenario';
import type { BenchContext } from './bench-run';
import { CleanupStack } from './cleanup-stack';
import { writeReportFiles } from './report/report-files';

/** This file sits at tools/src/bench/shared/, four levels below the workspace root. */
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** A bad command line: the CLI exits 2 with the message. */
export class BenchUsageError extends Error {}

/** A benchmark's command line: the switches given, and the value of each option given. */
export interface BenchArguments {
  readonly switches: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * Reads `argv` against the benchmark's known `switches` (`--quick`) and `options` (`--out-dir
 * <dir>`); an unknown argument or an option without a value is a {@link BenchUsageError} quoting
 * `usage`.
 */
export function readBenchArguments(
  argv: readonly string[],
  known: { readonly switches: readonly string[]; readonly options: readonly string[]; readonly usage: string },
): BenchArguments {
  const switches = new Set<string>();
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (known.switches.includes(argument)) {
      switches.add(argument);
    } else if (known.options.includes(argument)) {
      const value = argv[(index += 1)];
      if (value === undefined || value === '') throw new BenchUsageError(`${argument} needs a value; ${known.usage}`);
      values.set(argument, value);
    } else {
      throw new BenchUsageError(`unknown argument ${argument}; ${known.usage}`);
    }
  }
  return { switches, values };
}

/** The options every benchmark command takes. */
export interface CommonBenchOptions {
  /** `--quick`: every scenario briefly on small events (the smoke test's mode). */
  readonly quick: boolean;
  /** `--out-dir <dir>`: where the JSON reports go (default `.local/bench`). */
  readonly outDir: string;
}

/** One benchmark command: its own arguments, how it measures, and how it presents the result. */
export interface BenchCliSpec<Options, Report extends { readonly mode: 'full' | 'quick'; readonly startedAt: string }> {
  /** `bench:api` etc., for progress and error lines. */
  readonly name: string;
  /** Report files are `<reportStem>-<timestamp>.json` and `<reportStem>-latest.json`. */
  readonly reportStem: string;
  /** Switches and options beyond `--quick` and `--out-dir`, and the usage line quoting them. */
  readonly switches?: readonly string[];
  readonly options?: readonly string[];
  readonly usage: string;
  /** The command's own options from its arguments (paths already resolved by the caller's needs). */
  readonly parse: (args: BenchArguments) => Options;
  /** How long a run may take before it is stopped as stuck. */
  readonly watchdogMs: (quick: boolean) => number;
  readonly measure: (options: Options & CommonBenchOptions, context: BenchContext) => Promise<Report>;
  /** The text for stdout, after teardown, given where the JSON went. */
  readonly render: (report: Report, reportPaths: readonly string[], options: Options & CommonBenchOptions) => string;
}

/**
 * The lifecycle every benchmark command shares: parse, run under a watchdog, and whatever happens
 * — success, failure, SIGINT/SIGTERM, a stuck run — stop what it started (a second signal leaves at
 * once). Exits 0 when the run completed (missed targets are reported, not fatal), 1 when it failed,
 * 2 on a usage error, 130/143 when interrupted.
 */
export function runBenchCli<Options, Report extends { readonly mode: 'full' | 'quick'; readonly startedAt: string }>(
  spec: BenchCliSpec<Options, Report>,
): void {
  const progress = (message: string) => process.stderr.write(`${spec.name} [${new Date().toISOString().slice(11, 19)}] ${message}\n`);

  const main = async (): Promise<number> => {
    const args = readBenchArguments(process.argv.slice(2), {
      switches: ['--quick', ...(spec.switches ?? [])],
      options: ['--out-dir', ...(spec.options ?? [])],
      usage: spec.usage,
    });
    const outDir = args.values.get('--out-dir');
    const options = {
      ...spec.parse(args),
      quick: args.switches.has('--quick'),
      outDir: outDir === undefined ? resolve(workspaceRoot, '.local/bench') : resolve(outDir),
    };
    const cleanup = new CleanupStack();
    let tornDown: Promise<void> | undefined;
    const tearDown = () =>
      (tornDown ??= (async () => {
        killScenarioProcesses();
        progress('cleaning up');
        for (const failure of await cleanup.run()) progress(`cleanup failed: ${failure}`);
      })());

    let interrupted = false;
    const abort = (reason: string, exitCode: number) => {
      if (interrupted) process.exit(exitCode);
      interrupted = true;
      progress(`${reason}; stopping`);
      void tearDown().finally(() => process.exit(exitCode));
    };
    process.on('SIGINT', () => abort('interrupted (SIGINT)', 130));
    process.on('SIGTERM', () => abort('terminated (SIGTERM)', 143));
    const watchdogMs = spec.watchdogMs(options.quick);
    setTimeout(() => abort(`still running after ${watchdogMs / 1000} s`, 1), watchdogMs).unref();

    try {
      const report = await spec.measure(options, { workspaceRoot, cleanup, progress });
      await tearDown();
      const reportPaths = await writeReportFiles(report, spec.reportStem, options.outDir);
      process.stdout.write(`\n${spec.render(report, reportPaths, options)}`);
      return 0;
    } catch (error) {
      // After an interrupt the run fails because its children were killed; the abort handler reports.
      if (!interrupted) progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await tearDown();
      return 1;
    }
  };

  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${spec.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof BenchUsageError ? 2 : 1);
    },
  );
}
