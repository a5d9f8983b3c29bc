import { CleanupStack } from './cleanup-stack';

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

/** What a benchmark run gets from {@link runBenchCli}. */
export interface BenchCliContext {
  /** Teardown steps, registered as resources come up; run once, however the run ends. */
  readonly cleanup: CleanupStack;
  /** A progress line on stderr, stamped with the time. */
  readonly progress: (message: string) => void;
}

/** One benchmark command: how it reads its arguments, measures, and presents the result. */
export interface BenchCliSpec<Options, Report> {
  /** `bench:api` etc., for progress and error lines. */
  readonly name: string;
  /** Parses the arguments; throws {@link BenchUsageError} on a bad one. */
  readonly parse: (argv: readonly string[]) => Options;
  /** How long a run may take before it is stopped as stuck. */
  readonly watchdogMs: (options: Options) => number;
  /** Kills the run's child processes at once (load generators), before the cleanup steps. */
  readonly killChildren: () => void;
  readonly measure: (options: Options, context: BenchCliContext) => Promise<Report>;
  /** After teardown: writes the report files and returns the text for stdout. */
  readonly present: (report: Report, options: Options) => Promise<string>;
}

/**
 * The lifecycle every benchmark command shares: parse, run under a watchdog, and whatever happens
 * — success, failure, SIGINT/SIGTERM, a stuck run — stop what it started (a second signal leaves at
 * once). Exits 0 when the run completed (missed targets are reported, not fatal), 1 when it failed,
 * 2 on a usage error, 130/143 when interrupted.
 */
export function runBenchCli<Options, Report>(spec: BenchCliSpec<Options, Report>): void {
  const progress = (message: string) => process.stderr.write(`${spec.name} [${new Date().toISOString().slice(11, 19)}] ${message}\n`);

  const main = async (): Promise<number> => {
    const options = spec.parse(process.argv.slice(2));
    const cleanup = new CleanupStack();
    let tornDown: Promise<void> | undefined;
    const tearDown = () =>
      (tornDown ??= (async () => {
        spec.killChildren();
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
    const watchdogMs = spec.watchdogMs(options);
    setTimeout(() => abort(`still running after ${watchdogMs / 1000} s`, 1), watchdogMs).unref();

    try {
      const report = await spec.measure(options, { cleanup, progress });
      await tearDown();
      process.stdout.write(`\n${await spec.present(report, options)}`);
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
