import type { ComponentName, LocalInfraConfig } from './local-infra.config';
import type { ProcessSpec, SupervisedProcess } from './process-supervisor';

/**
 * One stand-in (DynamoDB Local, Redis, the Redis Cluster, the AWS emulator): which processes it
 * runs, what must happen once they answer, and what clients are told to connect to.
 */
export interface LocalInfraComponent {
  readonly name: ComponentName;
  /** Builds the process specs; throws a LocalInfraError (with install hints) when a binary is missing. */
  processes(config: LocalInfraConfig): ProcessSpec[];
  /**
   * Runs after every process answers, e.g. forming the Redis Cluster; must be idempotent because
   * `up` calls it on every run.
   */
  settle?(config: LocalInfraConfig, processes: readonly SupervisedProcess[]): Promise<void>;
  /** Environment lines clients need, e.g. `{ REDIS_URL: 'redis://127.0.0.1:6379' }`. */
  endpoints(config: LocalInfraConfig): Record<string, string>;
}
