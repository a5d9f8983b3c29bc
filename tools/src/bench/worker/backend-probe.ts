import { performance } from 'node:perf_hooks';
import { checkQueueReachable, checkTableReachable, type AwsClients } from '@ticketing/aws';
import type { RedisClient } from '@ticketing/redis';
import { summariseLatencies, type LatencySummary } from '../shared/load/latency-summary';

/** The backends the probe times, by the names the CPU tables use. */
export type ProbedBackend = 'aws-emulator' | 'dynamodb' | 'redis';

/** One probe run: each backend's answer times. */
export type ProbeLatencies = Readonly<Record<ProbedBackend, LatencySummary>>;

/**
 * Times one trivial call to each shared backend every `intervalMs` while a phase runs: SQS
 * GetQueueUrl on the emulator, DynamoDB DescribeTable, Redis PING. None of them does work worth
 * measuring; what they measure is how long a caller waits for a backend that is busy with everyone
 * else's calls. The backend that is the bottleneck queues its callers, so its probe time rises
 * with the load — even when its CPU figure does not show it (DynamoDB Local runs on SQLite and
 * serialises writes behind a lock, an idle core next to a queue), and even when other processes
 * on the machine share the same stand-in (whose CPU then is not all this benchmark's).
 *
 * One call per backend is in flight at a time: a stuck backend is sampled late, not piled on.
 */
export class BackendProbe {
  private readonly samples: Record<ProbedBackend, number[]> = { 'aws-emulator': [], dynamodb: [], redis: [] };
  private readonly busy = new Set<ProbedBackend>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly targets: {
      readonly aws: AwsClients;
      readonly redis: RedisClient;
      readonly queueName: string;
      readonly tableName: string;
    },
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    for (const list of Object.values(this.samples)) list.length = 0;
    this.tick();
    this.timer ??= setInterval(() => this.tick(), this.intervalMs);
  }

  /** Stops probing and summarises what it measured since `start`. */
  stop(): ProbeLatencies {
    clearInterval(this.timer);
    this.timer = undefined;
    return {
      'aws-emulator': summariseLatencies(this.samples['aws-emulator']),
      dynamodb: summariseLatencies(this.samples.dynamodb),
      redis: summariseLatencies(this.samples.redis),
    };
  }

  /** Probes for `durationMs` and summarises: the idle baseline. */
  async measure(durationMs: number): Promise<ProbeLatencies> {
    this.start();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    return this.stop();
  }

  private tick(): void {
    const { aws, redis, queueName, tableName } = this.targets;
    this.time('aws-emulator', () => checkQueueReachable(aws, queueName));
    this.time('dynamodb', () => checkTableReachable(aws, tableName));
    this.time('redis', () => redis.ping());
  }

  private time(backend: ProbedBackend, call: () => Promise<unknown>): void {
    if (this.busy.has(backend)) return;
    this.busy.add(backend);
    const started = performance.now();
    call().then(
      () => {
        this.samples[backend].push(performance.now() - started);
        this.busy.delete(backend);
      },
      () => this.busy.delete(backend),
    );
  }
}
