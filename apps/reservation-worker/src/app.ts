import { setTimeout as sleep } from 'node:timers/promises';
import { ConsumerPool } from '@ticketing/sqs-queue';
import { createMetricsRegistry, type Logger } from '@ticketing/telemetry';
import { startOpsServer } from '@ticketing/telemetry/ops-server';
import type { ReservationWorkerConfig } from '@ticketing/reservation-worker-config';
import type { ReservationWorkerDependencies } from './dependencies';
import { PaymentApprovedHandler } from './handlers/payment-approved.handler';
import { PaymentFailedHandler } from './handlers/payment-failed.handler';
import { ReservationExpiredHandler } from './handlers/reservation-expired.handler';
import { EventProcessor } from './processing/event-processor';
import { createReservationWorkerMetrics } from './reservation-worker.metrics';

/** A running worker. */
export interface ReservationWorkerApp {
  readonly httpPort: number;
  /** Stops receiving, lets in-flight messages finish within the shutdown deadline, then closes connections. */
  close(): Promise<void>;
}

/** Until the queue exists (a fresh environment being provisioned), look for it this often. */
const queueLookupRetryMs = 2_000;

/**
 * Starts the reservation worker: the operations endpoint at once, then — as soon as its queues
 * can be found — the consumers that feed each message to the {@link EventProcessor}.
 */
export async function startReservationWorker(
  config: ReservationWorkerConfig,
  dependencies: ReservationWorkerDependencies,
  logger: Logger,
): Promise<ReservationWorkerApp> {
  const registry = createMetricsRegistry('reservation-worker');
  const metrics = createReservationWorkerMetrics(registry);
  metrics.circuitOpen.set({ dependency: 'reservation-api' }, 0);
  metrics.circuitOpen.set({ dependency: 'inventory' }, 0);
  dependencies.api.onCircuitChange((state) => {
    metrics.circuitOpen.set({ dependency: 'reservation-api' }, state === 'closed' ? 0 : 1);
    logger.warn({ dependency: 'reservation-api', state }, 'circuit state changed');
  });
  dependencies.inventory.onCircuitChange((state) => {
    metrics.circuitOpen.set({ dependency: 'inventory' }, state === 'closed' ? 0 : 1);
    logger.warn({ dependency: 'inventory', state }, 'circuit state changed');
  });

  const ops = await startOpsServer({
    host: config.lifecycle.host,
    port: config.server.httpPort,
    registry,
    readinessChecks: dependencies.readinessChecks,
    logger,
  });
  logger.info({ http_port: ops.port }, 'reservation worker listening');

  let stopping = false;
  let pool: ConsumerPool | undefined;
  const consuming = (async () => {
    for (;;) {
      try {
        const { settler, queueUrl } = await dependencies.settler();
        if (stopping) return;
        const processor = new EventProcessor({
          handlers: {
            'reservation.expired': new ReservationExpiredHandler(dependencies.api),
            'payment.approved': new PaymentApprovedHandler(dependencies.api, dependencies.inventory),
            'payment.failed': new PaymentFailedHandler(dependencies.api),
          },
          processedEvents: dependencies.processedEvents,
          settler,
          metrics,
          logger,
          settings: {
            handlerTimeoutMs: config.consumer.handlerTimeoutMs,
            retry: { baseSeconds: config.retry.baseDelaySeconds, maxSeconds: config.retry.maxDelaySeconds },
          },
        });
        pool = new ConsumerPool({
          sqs: { region: config.aws.region, endpoint: config.aws.sqsEndpoint },
          queueUrl,
          concurrency: config.consumer.concurrency,
          batchSize: config.consumer.batchSize,
          waitTimeSeconds: config.consumer.waitTimeSeconds,
          handle: (message) => processor.process(message),
          onReceiveError: (error) => {
            metrics.receiveErrors.inc();
            if (!stopping) logger.warn({ err: error }, 'receiving from the queue failed');
          },
          onHandlerError: (error, message) =>
            logger.error({ err: error, sqs_message_id: message.messageId }, 'could not settle a message; it reappears after its visibility timeout'),
        });
        pool.start();
        logger.info({ queue: dependencies.queueName, concurrency: config.consumer.concurrency }, 'consuming');
        return;
      } catch (error) {
        if (stopping) return;
        logger.warn({ err: error, queue: dependencies.queueName }, 'the queue cannot be found yet; looking again shortly');
        await sleep(queueLookupRetryMs);
      }
    }
  })();

  return {
    httpPort: ops.port,
    close: async () => {
      stopping = true;
      ops.markDraining();
      await consuming;
      if (pool) {
        // Leave a little of the shutdown budget for closing connections after the handlers.
        const { unfinished } = await pool.stop(Math.max(0, config.lifecycle.shutdownTimeoutMs - 1_000));
        logger.info({ unfinished }, 'stopped consuming');
        if (unfinished > 0) logger.warn({ unfinished }, 'stopped with messages unfinished; they reappear after their visibility timeout');
      }
      await ops.close();
      await dependencies.close();
    },
  };
}
