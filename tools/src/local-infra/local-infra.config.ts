import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalInfraError } from './local-infra.errors';

/** The stand-ins `infra:up` runs by default, in the order they are reported. */
export const standInNames = ['dynamodb', 'redis', 'redis-cluster', 'aws-emulator'] as const;

/**
 * The platform's own services, started on top of the stand-ins by `infra up --apps`, after the
 * local service-token issuer that stands in for the cluster's.
 */
export const appNames = ['service-issuer', 'inventory', 'reservation-api', 'reservation-worker'] as const;

/** Everything the tool knows how to run. */
export const componentNames = [...standInNames, ...appNames] as const;

/** One of {@link componentNames}. */
export type ComponentName = (typeof componentNames)[number];

/** Environment as handed to child processes; a plain snapshot so no other file reads `process.env`. */
export type ChildEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Everything the local infrastructure tool needs, validated once.
 *
 * Ports default to the ones the docs and `.env` examples use; tests override them (and `stateDir`)
 * so they never collide with stand-ins somebody is already running.
 */
export interface LocalInfraConfig {
  /** Absolute path of the monorepo root; relative paths below are resolved from it. */
  readonly workspaceRoot: string;
  /** Where pid files, launch records, logs and cluster node dirs live (`LOCAL_INFRA_DIR`). */
  readonly stateDir: string;
  /** Loopback only: these stand-ins have no auth and must not be reachable from the network. */
  readonly host: '127.0.0.1';
  /** Selected components (`LOCAL_INFRA_COMPONENTS`), in canonical order. */
  readonly components: readonly ComponentName[];
  readonly dynamodb: { readonly port: number };
  readonly redis: { readonly port: number };
  readonly redisCluster: { readonly ports: readonly number[] };
  readonly awsEmulator: { readonly port: number; readonly executable: string };
  /** Region the local AWS resources are provisioned in (`AWS_REGION`, default us-east-1). */
  readonly region: string;
  /** Prefix of provisioned table/queue/bus names, separator included (`LOCAL_INFRA_RESOURCE_PREFIX`, default `ticketing-local-`). */
  readonly resourcePrefix: string;
  /** Upper bound for each component to answer after start (`LOCAL_INFRA_READY_TIMEOUT_SECONDS`). */
  readonly readinessTimeoutMs: number;
  /** How long `down` waits after SIGTERM before it sends SIGKILL. */
  readonly stopTimeoutMs: number;
  /**
   * AWS endpoints given in the environment (`DYNAMODB_ENDPOINT`, `SQS_ENDPOINT`,
   * `EVENTBRIDGE_ENDPOINT`); `provision` uses them instead of the local ports, e.g. in Docker Compose.
   */
  readonly awsEndpointOverrides: Readonly<Record<string, string>>;
  /** Environment inherited by the stand-ins (PATH, locale, …); also where executables are looked up. */
  readonly childEnv: ChildEnvironment;
}

/** Options that are not environment variables: where the workspace is. */
export interface LoadLocalInfraConfigOptions {
  readonly workspaceRoot?: string;
}

/** This file sits at tools/src/local-infra/, three levels below the workspace root. */
const defaultWorkspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Redis Cluster nodes also listen on port + 10000 (the cluster bus), which must stay below 65536. */
const clusterBusOffset = 10_000;

/**
 * Reads and validates the local infrastructure settings.
 *
 * Fails with a {@link LocalInfraError} naming the offending variable, so a typo in a port is
 * reported before anything is started.
 *
 * @example
 * ```ts
 * const config = loadLocalInfraConfig({ ...process.env, LOCAL_REDIS_PORT: '7379' });
 * ```
 */
export function loadLocalInfraConfig(
  env: ChildEnvironment = process.env,
  options: LoadLocalInfraConfigOptions = {},
): LocalInfraConfig {
  const workspaceRoot = resolve(options.workspaceRoot ?? defaultWorkspaceRoot);
  const stateDirSetting = nonEmpty(env, 'LOCAL_INFRA_DIR') ?? '.local/run';
  const clusterPorts = parsePortList(env, 'LOCAL_REDIS_CLUSTER_PORTS', [7000, 7001, 7002]);
  for (const port of clusterPorts) {
    if (port + clusterBusOffset > 65_535) {
      throw new LocalInfraError(
        `LOCAL_REDIS_CLUSTER_PORTS: port ${port} is too high; Redis Cluster also needs port ${port} + ${clusterBusOffset} for its bus (use ports <= ${65_535 - clusterBusOffset})`,
      );
    }
  }

  const config: LocalInfraConfig = {
    workspaceRoot,
    stateDir: isAbsolute(stateDirSetting) ? stateDirSetting : resolve(workspaceRoot, stateDirSetting),
    host: '127.0.0.1',
    components: parseComponents(env),
    dynamodb: { port: parsePort(env, 'LOCAL_DYNAMODB_PORT', 8000) },
    redis: { port: parsePort(env, 'LOCAL_REDIS_PORT', 6379) },
    redisCluster: { ports: clusterPorts },
    awsEmulator: {
      port: parsePort(env, 'LOCAL_AWS_EMULATOR_PORT', 4566),
      executable: join(workspaceRoot, '.local/venv/bin/moto_server'),
    },
    region: nonEmpty(env, 'AWS_REGION') ?? 'us-east-1',
    resourcePrefix: parseResourcePrefix(env),
    readinessTimeoutMs: parsePositiveInteger(env, 'LOCAL_INFRA_READY_TIMEOUT_SECONDS', 60) * 1000,
    stopTimeoutMs: 10_000,
    awsEndpointOverrides: Object.fromEntries(
      ['DYNAMODB_ENDPOINT', 'SQS_ENDPOINT', 'EVENTBRIDGE_ENDPOINT'].flatMap((name) => {
        const value = nonEmpty(env, name);
        return value === undefined ? [] : [[name, value]];
      }),
    ),
    childEnv: Object.freeze({ ...env }),
  };
  assertDistinctPorts(config);
  return deepFreeze(config);
}

/**
 * Gives the AWS SDK placeholder credentials when none are set, so provisioning works on a machine
 * that has never seen AWS. Needed because the SDK's default chain reads `process.env` itself and
 * `createAwsClients` deliberately takes no credentials. The stand-ins accept any key; real ones,
 * when present, are left as they are and only ever sent to loopback endpoints.
 */
export function applyLocalAwsCredentialDefaults(env: NodeJS.ProcessEnv = process.env): void {
  if (env['AWS_ACCESS_KEY_ID'] === undefined && env['AWS_PROFILE'] === undefined) {
    env['AWS_ACCESS_KEY_ID'] = 'local';
    env['AWS_SECRET_ACCESS_KEY'] = 'local';
  }
}

function nonEmpty(env: ChildEnvironment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parsePort(env: ChildEnvironment, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  return raw === undefined ? fallback : toPort(name, raw);
}

function toPort(name: string, raw: string): number {
  const port = Number(raw);
  // Privileged ports would need root and 0 means "any", which no client could be told about.
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 1024 || port > 65_535) {
    throw new LocalInfraError(`${name}: "${raw}" is not a port number between 1024 and 65535`);
  }
  return port;
}

function parsePortList(env: ChildEnvironment, name: string, fallback: readonly number[]): readonly number[] {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const ports = raw.split(',').map((part) => toPort(name, part.trim()));
  // redis-cli refuses to build a cluster with fewer than three masters.
  if (ports.length !== 3) {
    throw new LocalInfraError(`${name}: expected exactly 3 comma-separated ports, got "${raw}"`);
  }
  return ports;
}

function parsePositiveInteger(env: ChildEnvironment, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) {
    throw new LocalInfraError(`${name}: "${raw}" is not a positive whole number`);
  }
  return value;
}

function parseComponents(env: ChildEnvironment): readonly ComponentName[] {
  const raw = nonEmpty(env, 'LOCAL_INFRA_COMPONENTS');
  if (raw === undefined) return standInNames;
  const requested = raw.split(',').map((part) => part.trim());
  for (const name of requested) {
    if (!isComponentName(name)) {
      throw new LocalInfraError(
        `LOCAL_INFRA_COMPONENTS: unknown component "${name}" (known: ${componentNames.join(', ')})`,
      );
    }
  }
  return componentNames.filter((name) => requested.includes(name));
}

function isComponentName(name: string): name is ComponentName {
  return (componentNames as readonly string[]).includes(name);
}

function parseResourcePrefix(env: ChildEnvironment): string {
  const prefix = nonEmpty(env, 'LOCAL_INFRA_RESOURCE_PREFIX') ?? 'ticketing-local-';
  // The prefix starts every table, queue and bus name; this is the alphabet all three accept.
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) {
    throw new LocalInfraError(
      `LOCAL_INFRA_RESOURCE_PREFIX: "${prefix}" must be 1-40 letters, digits, "-" or "_"`,
    );
  }
  return prefix;
}

/** Two stand-ins on one port would make the second one fail with a far less helpful message. */
function assertDistinctPorts(config: LocalInfraConfig): void {
  const claims: Array<[string, number]> = [
    ['LOCAL_DYNAMODB_PORT', config.dynamodb.port],
    ['LOCAL_REDIS_PORT', config.redis.port],
    ...config.redisCluster.ports.map((port): [string, number] => ['LOCAL_REDIS_CLUSTER_PORTS', port]),
    ...config.redisCluster.ports.map((port): [string, number] => [
      'LOCAL_REDIS_CLUSTER_PORTS (cluster bus = port + 10000)',
      port + clusterBusOffset,
    ]),
    ['LOCAL_AWS_EMULATOR_PORT', config.awsEmulator.port],
  ];
  const owners = new Map<number, string>();
  for (const [name, port] of claims) {
    const owner = owners.get(port);
    if (owner !== undefined) {
      throw new LocalInfraError(`${name}: port ${port} is also used by ${owner}`);
    }
    owners.set(port, name);
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child);
  }
  return Object.freeze(value);
}
