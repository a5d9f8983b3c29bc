import { evaluateReadiness, type Logger, type ReadinessCheck } from '@ticketing/telemetry';

/** A running monitor; `stop` ends its timer. */
export interface ServingStatusMonitor {
  /** Re-evaluates now (used at startup so the first probe does not wait an interval). */
  refresh(): Promise<boolean>;
  stop(): void;
}

/**
 * Re-checks the dependencies every `intervalMs` and reports SERVING/NOT_SERVING transitions.
 * grpc.health.v1 is answered from the last known status, so a health probe never waits on
 * DynamoDB or Redis itself.
 */
export function monitorServingStatus(options: {
  readonly checks: readonly ReadinessCheck[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly onChange: (serving: boolean) => void;
}): ServingStatusMonitor {
  let serving: boolean | undefined;
  const refresh = async () => {
    const report = await evaluateReadiness(options.checks, options.timeoutMs, (name, error) =>
      options.logger.warn({ check: name, err: error }, 'dependency check failing'),
    );
    if (report.ready !== serving) {
      serving = report.ready;
      options.logger.info({ serving, checks: report.checks }, 'serving status changed');
      options.onChange(serving);
    }
    return report.ready;
  };
  const timer = setInterval(() => void refresh(), options.intervalMs);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
