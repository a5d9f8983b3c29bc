import type { ProvisionedResources } from '@ticketing/aws';
import type { LocalInfraComponent } from './component';
import { localInfraEndpoints, selectedComponents } from './components';
import type { LocalInfraConfig } from './local-infra.config';
import { LocalInfraError } from './local-infra.errors';
import { ensureProcessRunning, type ProcessSpec, type SupervisedProcess } from './process-supervisor';
import { provisionLocalResources } from './provision';

/** Options for {@link startLocalInfra}. */
export interface StartLocalInfraOptions {
  /** Create the tables, queues, bus and rules once the stand-ins answer (default true). */
  readonly provision?: boolean;
  /** Human-readable progress, one line per call (the CLI writes it to stderr). */
  readonly onProgress?: (message: string) => void;
}

/** What {@link startLocalInfra} left running. */
export interface LocalInfraStartResult {
  readonly processes: readonly SupervisedProcess[];
  /** Environment lines for clients, e.g. `REDIS_URL` → `redis://127.0.0.1:6379`. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Undefined when provisioning was off or DynamoDB / the AWS emulator was not selected. */
  readonly resources: ProvisionedResources | undefined;
}

/**
 * Starts the selected stand-ins in parallel (leaving ones already running alone), waits until each
 * answers, forms the Redis Cluster, then provisions the AWS resources. Safe to call repeatedly.
 *
 * @throws LocalInfraError when a binary is missing, a port is taken, or a stand-in never answers;
 *   with several failures, one error lists them all. Stand-ins that did start are left running
 *   (`stopLocalInfra` stops them).
 *
 * @example
 * ```ts
 * const config = loadLocalInfraConfig({ ...process.env, LOCAL_INFRA_DIR: tmpDir });
 * const { endpoints } = await startLocalInfra(config);
 * ```
 */
export async function startLocalInfra(
  config: LocalInfraConfig,
  options: StartLocalInfraOptions = {},
): Promise<LocalInfraStartResult> {
  const report = options.onProgress ?? ignoreProgress;
  const plans = planComponents(config);
  report(`starting ${config.components.join(', ')} (state in ${config.stateDir})`);

  const outcomes = await Promise.allSettled(plans.map((plan) => startComponent(plan, config, report)));
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length > 0) throw combine(failures);
  const processes = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));

  const endpoints = localInfraEndpoints(config);
  const canProvision = config.components.includes('dynamodb') && config.components.includes('aws-emulator');
  let resources: ProvisionedResources | undefined;
  if ((options.provision ?? true) && canProvision) {
    resources = await provisionLocalResources({
      region: config.region,
      dynamodbEndpoint: endpoints['DYNAMODB_ENDPOINT'] ?? '',
      sqsEndpoint: endpoints['SQS_ENDPOINT'] ?? '',
      eventBridgeEndpoint: endpoints['EVENTBRIDGE_ENDPOINT'] ?? '',
      prefix: config.resourcePrefix,
    });
    report(`provisioned ${describeResources(resources)} with prefix "${resources.prefix}"`);
  }
  return { processes, endpoints, resources };
}

interface ComponentPlan {
  readonly component: LocalInfraComponent;
  readonly specs: readonly ProcessSpec[];
}

/** Resolves every binary before anything starts, so one missing tool does not leave half a stack. */
function planComponents(config: LocalInfraConfig): ComponentPlan[] {
  const plans: ComponentPlan[] = [];
  const failures: unknown[] = [];
  for (const component of selectedComponents(config)) {
    try {
      plans.push({ component, specs: component.processes(config) });
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw combine(failures);
  return plans;
}

async function startComponent(
  plan: ComponentPlan,
  config: LocalInfraConfig,
  report: (message: string) => void,
): Promise<SupervisedProcess[]> {
  const startedAt = Date.now();
  const processes = await Promise.all(plan.specs.map((spec) => ensureProcessRunning(spec, config)));
  await plan.component.settle?.(config, processes);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const pids = processes.map((process) => process.pid).join(', ');
  const reused = processes.every((process) => process.reused);
  report(`${plan.component.name}: ${reused ? 'already running' : `ready in ${seconds} s`} (pid ${pids})`);
  return processes;
}

function combine(failures: readonly unknown[]): LocalInfraError {
  const errors = failures.map((failure) =>
    failure instanceof LocalInfraError ? failure : new LocalInfraError(String(failure), [], { cause: failure }),
  );
  const [only] = errors;
  if (only !== undefined && errors.length === 1) return only;
  return new LocalInfraError(
    errors.map((error) => error.message).join('; '),
    errors.flatMap((error) => error.details),
    { cause: new AggregateError(errors) },
  );
}

function describeResources(resources: ProvisionedResources): string {
  const count = (record: Readonly<Record<string, unknown>>, one: string, many: string) => {
    const total = Object.keys(record).length;
    return `${total} ${total === 1 ? one : many}`;
  };
  return [
    count(resources.tables, 'table', 'tables'),
    count(resources.queues, 'queue', 'queues'),
    count(resources.eventBuses, 'event bus', 'event buses'),
    count(resources.rules, 'rule', 'rules'),
  ].join(', ');
}

function ignoreProgress(): void {
  // Callers that pass no onProgress want a quiet API.
}
