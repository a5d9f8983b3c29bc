import { createMetricsRegistry, type Logger } from '@ticketing/telemetry';
import { startOpsServer } from '@ticketing/telemetry/ops-server';
import type { ReservationWorkerConfig } from './config';
import type { ReservationWorkerDependencies } from './dependencies';

/** A running worker. */
export interface ReservationWorkerApp {
  readonly httpPort: number;
  /** Stops polling, lets in-flight messages finish, then closes connections. */
  close(): Promise<void>;
}

/**
 * Starts the reservation worker: for now its operations endpoint; the SQS consumer joins in the
 * worker issue.
 */
export async function startReservationWorker(
  config: ReservationWorkerConfig,
  dependencies: ReservationWorkerDependencies,
  logger: Logger,
): Promise<ReservationWorkerApp> {
  const ops = await startOpsServer({
    host: config.lifecycle.host,
    port: config.server.httpPort,
    registry: createMetricsRegistry('reservation-worker'),
    readinessChecks: dependencies.readinessChecks,
    logger,
  });
  logger.info({ http_port: ops.port }, 'reservation worker listening');
  return {
    httpPort: ops.port,
    close: async () => {
      ops.markDraining();
      await ops.close();
      await dependencies.close();
    },
  };
}
