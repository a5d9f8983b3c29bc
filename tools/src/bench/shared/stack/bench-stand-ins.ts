import { applyLocalAwsCredentialDefaults } from '../../../local-infra/local-infra.config';
import {
  LocalInfraError,
  loadLocalInfraConfig,
  localInfraEndpoints,
  localInfraStatus,
  startLocalInfra,
  stopLocalInfra,
  type ComponentName,
  type LocalInfraConfig,
} from '../../../local-infra/index';

/** Stand-ins a benchmark may need. */
export type BenchStandInName = Extract<ComponentName, 'dynamodb' | 'redis' | 'aws-emulator'>;

/** Where the benchmark's stand-ins answer, and how to stop the ones it started itself. */
export interface BenchStandIns {
  readonly region: string;
  readonly dynamodbEndpoint: string;
  readonly redisUrl: string;
  /** The SQS + EventBridge emulator's endpoint (serves both APIs); meaningful when `aws-emulator` was asked for. */
  readonly awsEmulatorEndpoint: string;
  /** Pid of each needed stand-in process this tool supervises (absent for one run elsewhere, e.g. in Docker). */
  readonly pids: Readonly<Record<string, number>>;
  /** Components this run started (empty when they were all running already). */
  readonly started: readonly ComponentName[];
  /** Stops exactly the components this run started; ones that were already running stay up. */
  stop(): Promise<void>;
}

/**
 * Makes sure the `needed` stand-ins (the inventory benchmark: DynamoDB Local and Redis; the API
 * benchmark also the SQS/EventBridge emulator) are up, through the local-infra API
 * (`npm run infra:up`'s): stand-ins that are already running are left alone; missing ones are
 * started and remembered, so {@link BenchStandIns.stop} stops only those. One component at a time, so a failure tells exactly
 * which one this run started.
 *
 * A stand-in that runs outside this tool's state dir (Docker Compose, another checkout) makes
 * `startLocalInfra` refuse its busy port; then its endpoint is used as it is, and a later step
 * fails plainly if nothing answers there.
 */
export async function ensureBenchStandIns(
  needed: readonly BenchStandInName[],
  progress: (message: string) => void,
): Promise<BenchStandIns> {
  applyLocalAwsCredentialDefaults();
  const base = loadLocalInfraConfig();
  const config = (components: readonly ComponentName[]): LocalInfraConfig => ({ ...base, components });
  const onProgress = (line: string) => progress(`infra: ${line}`);
  const started: ComponentName[] = [];
  const stop = async () => {
    if (started.length > 0) await stopLocalInfra(config(started), { onProgress });
  };
  for (const component of needed) {
    try {
      const result = await startLocalInfra(config([component]), { provision: false, onProgress });
      if (result.processes.some((process) => !process.reused)) started.push(component);
    } catch (error) {
      if (!(error instanceof LocalInfraError)) {
        await stop();
        throw error;
      }
      progress(`infra: ${component} not started by this tool (${error.message}); using its endpoint as it is`);
    }
  }
  // Every stand-in's endpoint is known from the config, selected or not.
  const endpoints = localInfraEndpoints(config(['dynamodb', 'redis', 'aws-emulator']));
  const pids: Record<string, number> = {};
  for (const status of await localInfraStatus(config(needed))) if (status.pid !== undefined) pids[status.name] = status.pid;
  return {
    region: base.region,
    dynamodbEndpoint: endpoints['DYNAMODB_ENDPOINT'] ?? `http://127.0.0.1:${base.dynamodb.port}`,
    redisUrl: endpoints['REDIS_URL'] ?? `redis://127.0.0.1:${base.redis.port}`,
    awsEmulatorEndpoint: endpoints['EVENTBRIDGE_ENDPOINT'] ?? `http://127.0.0.1:${base.awsEmulator.port}`,
    pids,
    started,
    stop,
  };
}
