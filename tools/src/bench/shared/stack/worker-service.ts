import { setTimeout as sleep } from 'node:timers/promises';
import { startServiceChild, type ServiceChild, type ServiceLaunch } from './service-child';

/** The reservation worker's own settings in a benchmark. */
export interface WorkerServiceOptions {
  /** The API's internal listener. */
  readonly apiBaseUrl: string;
  /** File holding the worker's token for the API's internal endpoints. */
  readonly tokenFile: string;
  readonly inventoryGrpcAddress: string;
  /** WORKER_CONCURRENCY */
  readonly concurrency: number;
  /** SQS_BATCH_SIZE */
  readonly batchSize: number;
  /** SQS_WAIT_TIME_SECONDS */
  readonly waitTimeSeconds: number;
}

/** One `event handled` log line: an event that reached its final state. */
export interface HandledEvent {
  readonly messageId: string;
  readonly eventType: string;
  /** What the handler did: `confirmed`, `confirmed-reacquired`, `refund-required`, … */
  readonly result: string;
  /** The line's `time` (epoch ms): after the API answered and the processed-event record was written. */
  readonly atMs: number;
  /** SQS receive count of the delivery that finished it (1 unless it was retried). */
  readonly receiveCount: number;
}

/** A running reservation worker. */
export interface WorkerService extends ServiceChild {
  readonly metricsUrl: string;
  /** Every handled event so far, by message id (the first `event handled` line of each). */
  readonly handled: ReadonlyMap<string, HandledEvent>;
  /** Resolves once every id in `messageIds` was handled, or after `timeoutMs` with the ones that were not. */
  untilHandled(messageIds: readonly string[], timeoutMs: number): Promise<{ readonly missing: readonly string[] }>;
}

/**
 * Starts the reservation worker: the run's queue and table, info-level JSON logs —
 * the benchmark reads its `event handled` lines, whose `time` says when each event reached its
 * final state. Resolves once it logs `consuming` (its queue was found and the consumers started).
 */
export async function startWorkerService(launch: ServiceLaunch, options: WorkerServiceOptions): Promise<WorkerService> {
  const handled = new Map<string, HandledEvent>();
  let httpPort: number | undefined;
  let consuming = false;
  const service = await startServiceChild({
    name: 'reservation worker',
    launch,
    killAfterMs: 20_000,
    env: {
      HTTP_PORT: '0',
      RESERVATION_API_URL: options.apiBaseUrl,
      RESERVATION_API_TOKEN_FILE: options.tokenFile,
      INVENTORY_GRPC_ADDRESS: options.inventoryGrpcAddress,
      WORKER_CONCURRENCY: String(options.concurrency),
      SQS_BATCH_SIZE: String(options.batchSize),
      SQS_WAIT_TIME_SECONDS: String(options.waitTimeSeconds),
      LOG_LEVEL: 'info',
    },
    onLogLine: (line) => {
      const message = line['msg'];
      if (message === 'event handled' && typeof line['message_id'] === 'string' && !handled.has(line['message_id'])) {
        handled.set(line['message_id'], {
          messageId: line['message_id'],
          eventType: String(line['event_type'] ?? ''),
          result: String(line['result'] ?? ''),
          atMs: Date.parse(String(line['time'])),
          receiveCount: Number(line['receive_count'] ?? 1),
        });
      } else if (message === 'reservation worker listening' && typeof line['http_port'] === 'number') {
        httpPort = line['http_port'];
      } else if (message === 'consuming') {
        consuming = true;
      }
    },
    ready: async () => (consuming && httpPort !== undefined ? true : 'not consuming yet'),
  });
  return {
    ...service,
    metricsUrl: `http://127.0.0.1:${httpPort}/metrics`,
    handled,
    // Polling is precise enough: each event's time is its log line's, not when it was noticed.
    untilHandled: async (messageIds, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      let missing = messageIds.filter((id) => !handled.has(id));
      while (missing.length > 0 && Date.now() < deadline && !service.hasExited()) {
        await sleep(50);
        missing = missing.filter((id) => !handled.has(id));
      }
      return { missing };
    },
  };
}
