import { createInterface } from 'node:readline';
import { PinoLogSummary, type LogSummary } from '../shared/pino-log-summary';
import { serviceBaseEnv, spawnService } from '../shared/service-child';

/** How the benchmark runs the reservation worker. */
export interface WorkerProcessOptions {
  /** The bundle (`dist/apps/reservation-worker/main.mjs`, plain node) or `apps/reservation-worker/src/main.ts` (through tsx). */
  readonly entry: string;
  readonly region: string;
  readonly dynamodbEndpoint: string;
  /** The SQS + EventBridge emulator. */
  readonly awsEmulatorEndpoint: string;
  readonly resourcePrefix: string;
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
  /** NODE_OPTIONS of the process, e.g. the production heap settings. */
  readonly nodeOptions?: string | undefined;
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
export interface WorkerProcess {
  readonly pid: number;
  readonly metricsUrl: string;
  /** Every handled event so far, by message id (the first `event handled` line of each). */
  readonly handled: ReadonlyMap<string, HandledEvent>;
  /** Resolves once every id in `messageIds` was handled, or after `timeoutMs` with the ones that were not. */
  untilHandled(messageIds: readonly string[], timeoutMs: number): Promise<{ readonly missing: readonly string[] }>;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set size right now (VmRSS), in MB. */
  rssMb(): Promise<number>;
  /** What it logged at warn level or above so far. */
  logSummary(): LogSummary;
  /** SIGTERM (graceful drain), SIGKILL after 20 s; resolves with the exit code (null when killed); safe to call twice. */
  stop(): Promise<number | null>;
}

/**
 * Starts the reservation worker as its own process, as it runs in production (minus the
 * container): loopback only, the run's queue and table, info-level JSON logs — the benchmark reads
 * its `event handled` lines, which say when each event reached its final state. Resolves once it
 * logs `consuming` (its queue was found and the consumers started).
 */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const env: Record<string, string> = {
    ...serviceBaseEnv(options),
    DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
    SQS_ENDPOINT: options.awsEmulatorEndpoint,
    EVENTBRIDGE_ENDPOINT: options.awsEmulatorEndpoint,
    RESOURCE_PREFIX: options.resourcePrefix,
    HOST: '127.0.0.1',
    HTTP_PORT: '0',
    RESERVATION_API_URL: options.apiBaseUrl,
    RESERVATION_API_TOKEN_FILE: options.tokenFile,
    INVENTORY_GRPC_ADDRESS: options.inventoryGrpcAddress,
    WORKER_CONCURRENCY: String(options.concurrency),
    SQS_BATCH_SIZE: String(options.batchSize),
    SQS_WAIT_TIME_SECONDS: String(options.waitTimeSeconds),
    LOG_LEVEL: 'info',
  };
  const service = spawnService(options.entry, env, { killAfterMs: 20_000 });
  const handled = new Map<string, HandledEvent>();
  const logs = new PinoLogSummary();
  let tail = '';
  let httpPort: number | undefined;
  let consuming = false;
  const changed = new Set<() => void>();
  const notify = () => {
    for (const wake of [...changed]) wake();
  };

  createInterface({ input: service.process.stdout }).on('line', (text) => {
    tail = `${tail}${text}\n`.slice(-4_000);
    let line: Record<string, unknown> | undefined;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = undefined;
    }
    logs.add(text, line);
    if (!line) return;
    const message = line['msg'];
    if (message === 'event handled' && typeof line['message_id'] === 'string' && !handled.has(line['message_id'])) {
      const event: HandledEvent = {
        messageId: line['message_id'],
        eventType: String(line['event_type'] ?? ''),
        result: String(line['result'] ?? ''),
        atMs: Date.parse(String(line['time'])),
        receiveCount: Number(line['receive_count'] ?? 1),
      };
      handled.set(event.messageId, event);
      notify();
    } else if (message === 'reservation worker listening' && typeof line['http_port'] === 'number') {
      httpPort = line['http_port'];
    } else if (message === 'consuming') {
      consuming = true;
      notify();
    }
  });
  service.process.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    tail = `${tail}${text}`.slice(-4_000);
    for (const line of text.split('\n')) logs.add(line);
  });
  void service.exited.then(notify);
  const { hasExited } = service;

  /** Resolves when `done()` holds, or false after `timeoutMs` / when the process exits first. */
  const until = (done: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const finish = (result: boolean) => {
        clearTimeout(timer);
        changed.delete(check);
        resolve(result);
      };
      const check = () => {
        if (done()) finish(true);
        else if (hasExited()) finish(false);
      };
      const timer = setTimeout(() => finish(done()), timeoutMs);
      changed.add(check);
    });

  const { stop } = service;

  if (!(await until(() => consuming, 60_000)) || httpPort === undefined) {
    await stop();
    throw new Error(`the reservation worker did not start consuming within 60 s: ${tail.trim()}`);
  }
  return {
    pid: service.pid,
    metricsUrl: `http://127.0.0.1:${httpPort}/metrics`,
    handled,
    untilHandled: async (messageIds, timeoutMs) => {
      let missing = messageIds.filter((id) => !handled.has(id));
      await until(() => {
        missing = missing.filter((id) => !handled.has(id));
        return missing.length === 0;
      }, timeoutMs);
      return { missing: missing.filter((id) => !handled.has(id)) };
    },
    peakRssMb: service.peakRssMb,
    rssMb: service.rssMb,
    logSummary: () => logs.summary(),
    stop,
  };
}
