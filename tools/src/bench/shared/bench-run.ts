import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import { createAwsClients, deleteResources, provisionResources, type AwsClients, type ProvisionedResources } from '@ticketing/aws';
import type { RedisClient } from '@ticketing/redis';
import { bundleApp } from '../../build/bundle-app';
import type { CleanupStack } from './cleanup-stack';
import { loadAverageNow, machineFacts, type MachineFacts } from './report/machine-facts';
import { connectBenchRedis } from './stack/bench-redis';
import { ensureBenchStandIns, type BenchStandInName, type BenchStandIns } from './stack/bench-stand-ins';

/** What every benchmark run gets from its command (see bench-cli.ts). */
export interface BenchContext {
  readonly workspaceRoot: string;
  /** Teardown steps are registered here as resources come up; the command runs them. */
  readonly cleanup: CleanupStack;
  readonly progress: (message: string) => void;
}

/** The opening of every report: which benchmark, when, how long, on what machine. */
export interface BenchReportHeader<Benchmark extends string> {
  readonly schemaVersion: 1;
  readonly benchmark: Benchmark;
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  readonly machine: MachineFacts;
}

/**
 * One benchmark run's shared groundwork: the clock and load average at its start, the stand-ins it
 * needs (started when missing, stopped at the end only if it started them), and the throwaway
 * resources, Redis keys and bundles the scenarios run on — each registered for teardown the
 * moment it exists.
 */
export class BenchRun {
  private awsClients: AwsClients | undefined;

  private constructor(
    readonly context: BenchContext,
    readonly standIns: BenchStandIns,
    private readonly startedAt: Date,
    private readonly loadAverageAtStart: readonly number[],
  ) {}

  static async start(context: BenchContext, needed: readonly BenchStandInName[]): Promise<BenchRun> {
    const startedAt = new Date();
    const loadAverageAtStart = loadAverageNow();
    const standIns = await ensureBenchStandIns(needed, context.progress);
    context.cleanup.push('stop the stand-ins this run started', () => standIns.stop());
    return new BenchRun(context, standIns, startedAt, loadAverageAtStart);
  }

  /** A fresh prefix for tables, queues, buses and Redis keys: `<tag>-<8 hex>-`. */
  static newPrefix(tag: string): string {
    return `${tag}-${randomBytes(4).toString('hex')}-`;
  }

  /** The run's clients of the stand-ins (one set, closed at teardown). */
  get aws(): AwsClients {
    if (!this.awsClients) {
      const { region, dynamodbEndpoint, awsEmulatorEndpoint } = this.standIns;
      const clients = createAwsClients({ region, dynamodbEndpoint, sqsEndpoint: awsEmulatorEndpoint, eventBridgeEndpoint: awsEmulatorEndpoint });
      this.context.cleanup.push('close the AWS clients', async () => clients.destroy());
      this.awsClients = clients;
    }
    return this.awsClients;
  }

  /** Provisions the resources (all, or `only` these tables) under `prefix`; deleted by `cleanup`. */
  async provision(
    prefix: string,
    options: { readonly only?: { readonly tables: readonly string[] }; readonly cleanup?: CleanupStack } = {},
  ): Promise<ProvisionedResources> {
    const aws = this.aws;
    const resources = await provisionResources(aws, { prefix, ...(options.only ? { only: options.only } : {}) });
    (options.cleanup ?? this.context.cleanup).push(`delete the resources under ${prefix}`, () => deleteResources(aws, resources));
    return resources;
  }

  /** The run's own Redis connection; every key under `deleteKeysUnder` is deleted at teardown. */
  connectRedis(options: { readonly deleteKeysUnder?: string } = {}): Promise<RedisClient> {
    return connectBenchRedis(this.standIns.redisUrl, this.context.cleanup, options);
  }

  /** Awaits a service being started and registers its stop on `cleanup` (the run's by default). */
  async keep<Service extends { stop(): Promise<unknown> }>(name: string, starting: Promise<Service>, cleanup = this.context.cleanup): Promise<Service> {
    const service = await starting;
    cleanup.push(`stop the ${name}`, () => service.stop());
    return service;
  }

  /** Bundles the apps (as they ship: one file each, run on plain Node). */
  async bundle<App extends string>(...apps: readonly App[]): Promise<Record<App, string>> {
    this.context.progress(`bundling ${apps.join(', ')}`);
    const entries = await Promise.all(apps.map((app) => bundleApp(app)));
    return Object.fromEntries(apps.map((app, index) => [app, entries[index]])) as Record<App, string>;
  }

  /** A path relative to the workspace, as reports name the entries they ran. */
  relative(path: string): string {
    return relative(this.context.workspaceRoot, path);
  }

  header<Benchmark extends string>(benchmark: Benchmark, mode: 'full' | 'quick'): BenchReportHeader<Benchmark> {
    const finishedAt = new Date();
    return {
      schemaVersion: 1,
      benchmark,
      mode,
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - this.startedAt.getTime()) / 100) / 10,
      machine: machineFacts(this.loadAverageAtStart),
    };
  }
}
