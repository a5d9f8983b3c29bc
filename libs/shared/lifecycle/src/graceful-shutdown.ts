import type { Logger } from 'pino';

/** How a process shuts down. */
export interface GracefulShutdownOptions {
  readonly logger: Logger;
  /** Deadline for `shutdown`; past it the process exits with code 1 and in-flight work is abandoned. */
  readonly timeoutMs: number;
  /** Stops taking new work, finishes in-flight work, closes connections. */
  readonly shutdown: () => Promise<void>;
  readonly signals?: readonly NodeJS.Signals[];
  /** Replaced in tests; ends the process otherwise. */
  readonly exit?: (code: number) => void;
}

/**
 * Installs SIGTERM/SIGINT handlers that run `shutdown` once and exit: 0 when it finished in time,
 * 1 when it failed or overran the deadline. Kubernetes sends SIGTERM and waits
 * `terminationGracePeriodSeconds`, so `timeoutMs` must stay below that.
 *
 * A second signal while shutting down is logged and ignored: the deadline already bounds the wait.
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      options.logger.warn({ signal }, 'already shutting down');
      return;
    }
    shuttingDown = true;
    options.logger.info({ signal, timeout_ms: options.timeoutMs }, 'shutting down');
    const deadline = setTimeout(() => {
      options.logger.error({ timeout_ms: options.timeoutMs }, 'shutdown overran its deadline; exiting');
      exit(1);
    }, options.timeoutMs);
    deadline.unref();

    options.shutdown().then(
      () => {
        clearTimeout(deadline);
        options.logger.info('shutdown complete');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        options.logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
}
