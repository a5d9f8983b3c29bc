import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LocalInfraError,
  loadLocalInfraConfig,
  localInfraStatus,
  startLocalInfra,
  stopLocalInfra,
  type LocalInfraConfig,
  type LocalInfraStartResult,
} from '../src/local-infra/index';

/*
 * Runs the real stand-ins on ports nobody else uses (never the defaults, which the team's own
 * stand-ins occupy) with a throwaway state dir. The box is small and shared: no assertions about
 * how long anything took.
 */
const execFileAsync = promisify(execFile);

describe('local infrastructure: up, up again, down', () => {
  let stateDir: string;
  let config: LocalInfraConfig;
  let first: LocalInfraStartResult;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'local-infra-test-'));
    const [dynamodb, redis, emulator, ...cluster] = await freePorts(6, { clusterPorts: 3 });
    config = loadLocalInfraConfig({
      ...inheritedEnv(),
      LOCAL_INFRA_DIR: stateDir,
      LOCAL_DYNAMODB_PORT: String(dynamodb),
      LOCAL_REDIS_PORT: String(redis),
      LOCAL_REDIS_CLUSTER_PORTS: cluster.join(','),
      LOCAL_AWS_EMULATOR_PORT: String(emulator),
      LOCAL_INFRA_RESOURCE_PREFIX: 'infra-test-',
    });
    first = await startLocalInfra(config);
  });

  afterAll(async () => {
    // Only matters when a test failed half-way; normally `down` already ran.
    await stopLocalInfra(config).catch(() => undefined);
    await rm(stateDir, { recursive: true, force: true });
  });

  it('starts one process per stand-in, each with a pid file and a log of its own', () => {
    expect(first.processes.map((process) => process.name).sort()).toEqual(
      ['aws-emulator', 'dynamodb', 'redis', ...config.redisCluster.ports.map((port) => `redis-cluster-${port}`)].sort(),
    );
    for (const process of first.processes) {
      expect(process.reused).toBe(false);
      expect(readFileSync(join(stateDir, `${process.name}.pid`), 'utf8').trim()).toBe(String(process.pid));
      expect(existsSync(join(stateDir, `${process.name}.log`))).toBe(true);
    }
  });

  it('prints endpoints on the configured ports', () => {
    expect(first.endpoints).toEqual({
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${config.dynamodb.port}`,
      REDIS_URL: `redis://127.0.0.1:${config.redis.port}`,
      REDIS_CLUSTER_NODES: config.redisCluster.ports.map((port) => `127.0.0.1:${port}`).join(','),
      SQS_ENDPOINT: `http://127.0.0.1:${config.awsEmulator.port}`,
      EVENTBRIDGE_ENDPOINT: `http://127.0.0.1:${config.awsEmulator.port}`,
    });
  });

  it('DynamoDB Local answers and holds the provisioned tables', async () => {
    const tables = Object.values(first.resources?.tables ?? {}).map((table) => table.name);
    expect(tables.length).toBeGreaterThan(0);

    const reply = await awsJsonCall(first.endpoints['DYNAMODB_ENDPOINT'], 'dynamodb', 'DynamoDB_20120810.ListTables', '1.0');

    expect(reply.TableNames).toEqual(expect.arrayContaining(tables));
  });

  it('the emulator answers SQS and EventBridge calls and holds the provisioned queues and bus', async () => {
    const queues = Object.values(first.resources?.queues ?? {}).map((queue) => queue.url);
    const buses = Object.values(first.resources?.eventBuses ?? {}).map((bus) => bus.name);
    expect(queues.length).toBeGreaterThan(0);

    const sqs = await awsJsonCall(first.endpoints['SQS_ENDPOINT'], 'sqs', 'AmazonSQS.ListQueues', '1.0');
    const events = await awsJsonCall(first.endpoints['EVENTBRIDGE_ENDPOINT'], 'events', 'AWSEvents.ListEventBuses', '1.1');

    expect(sqs.QueueUrls).toEqual(expect.arrayContaining(queues));
    expect((events.EventBuses as Array<{ Name: string }>).map((bus) => bus.Name)).toEqual(expect.arrayContaining(buses));
  });

  it('Redis answers PING', async () => {
    expect(await redisCli(config.redis.port, 'PING')).toBe('PONG');
  });

  it('the Redis Cluster has three masters that agree it is healthy', async () => {
    for (const port of config.redisCluster.ports) {
      const info = await redisCli(port, 'CLUSTER', 'INFO');
      expect(info).toContain('cluster_state:ok');
      expect(info).toContain('cluster_known_nodes:3');
      expect(info).toContain('cluster_size:3');
    }
  });

  it('status reports every process up with its pid', async () => {
    const status = await localInfraStatus(config);

    expect(status.map(({ name, pid, state }) => ({ name, pid, state })).sort(byName)).toEqual(
      first.processes.map(({ name, pid }) => ({ name, pid, state: 'up' })).sort(byName),
    );
  });

  it('up again leaves the running processes alone', async () => {
    const second = await startLocalInfra(config);

    expect(second.processes.map(({ name, pid }) => ({ name, pid })).sort(byName)).toEqual(
      first.processes.map(({ name, pid }) => ({ name, pid })).sort(byName),
    );
    expect(second.processes.every((process) => process.reused)).toBe(true);
  });

  it('down stops exactly those processes and frees their ports', async () => {
    const outcomes = await stopLocalInfra(config);

    expect(outcomes.map(({ name, pid, result }) => ({ name, pid, result })).sort(byName)).toEqual(
      first.processes.map(({ name, pid }) => ({ name, pid, result: 'stopped' })).sort(byName),
    );
    for (const process of first.processes) {
      expect(isAlive(process.pid), `${process.name} (pid ${process.pid})`).toBe(false);
      expect(await acceptsConnections(process.port), `port ${process.port}`).toBe(false);
      expect(existsSync(join(stateDir, `${process.name}.pid`))).toBe(false);
    }
    expect((await localInfraStatus(config)).every((row) => row.state === 'down')).toBe(true);
  });
});

describe('local infrastructure: processes it did not start', () => {
  let stateDir: string;
  let config: LocalInfraConfig;
  let bystander: ChildProcess;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'local-infra-test-'));
    const [redis] = await freePorts(1);
    config = loadLocalInfraConfig({
      ...inheritedEnv(),
      LOCAL_INFRA_DIR: stateDir,
      LOCAL_REDIS_PORT: String(redis),
      LOCAL_INFRA_COMPONENTS: 'redis',
    });
    bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
  });

  afterAll(async () => {
    bystander.kill('SIGKILL');
    await stopLocalInfra(config).catch(() => undefined);
    await rm(stateDir, { recursive: true, force: true });
  });

  it('leaves alone an unrelated process that a stale pid file points at, on up and on down', async () => {
    // Our redis dies without `down`, and the kernel hands its pid to an unrelated process.
    const [crashed] = (await startLocalInfra(config)).processes;
    if (crashed === undefined || bystander.pid === undefined) throw new Error('setup failed');
    const launchRecord = await readFile(join(stateDir, 'redis.launch.json'), 'utf8');
    process.kill(crashed.pid, 'SIGKILL');
    await waitUntil(() => !isAlive(crashed.pid));
    await writeStalePidFile(stateDir, 'redis', launchRecord, bystander.pid);

    const restarted = await startLocalInfra(config);
    const [replacement] = restarted.processes;
    expect(replacement?.reused).toBe(false);
    expect(replacement?.pid).not.toBe(bystander.pid);
    expect(isAlive(bystander.pid)).toBe(true);
    expect(await stopLocalInfra(config)).toEqual([
      expect.objectContaining({ name: 'redis', pid: replacement?.pid, result: 'stopped' }),
    ]);

    await writeStalePidFile(stateDir, 'redis', launchRecord, bystander.pid);
    const outcomes = await stopLocalInfra(config);

    expect(outcomes).toEqual([expect.objectContaining({ name: 'redis', pid: bystander.pid, result: 'left-alone' })]);
    expect(isAlive(bystander.pid)).toBe(true);
    expect(existsSync(join(stateDir, 'redis.pid'))).toBe(false);
  });

  it('leaves alone a process named by a bare pid file without a launch record', async () => {
    if (bystander.pid === undefined) throw new Error('setup failed');
    await writeFile(join(stateDir, 'redis.pid'), `${bystander.pid}\n`);

    const outcomes = await stopLocalInfra(config);

    expect(outcomes).toEqual([expect.objectContaining({ name: 'redis', result: 'left-alone' })]);
    expect(isAlive(bystander.pid)).toBe(true);
  });

  it('refuses to start on a port something else listens on, naming port, component and setting', async () => {
    const squatter = await listen(config.redis.port);
    try {
      const attempt = startLocalInfra(config);

      await expect(attempt).rejects.toThrow(LocalInfraError);
      await expect(attempt).rejects.toThrow(`redis: port ${config.redis.port} is already in use`);
      await expect(attempt).rejects.toThrow('LOCAL_REDIS_PORT');
    } finally {
      squatter.close();
    }
  });
});

describe('local infrastructure: stand-ins that fail to start', () => {
  let workspaceRoot: string;

  beforeAll(async () => {
    // A fake workspace whose "emulator" is a script we control.
    workspaceRoot = await mkdtemp(join(tmpdir(), 'local-infra-test-'));
    await mkdir(join(workspaceRoot, '.local/venv/bin'), { recursive: true });
  });

  afterAll(async () => {
    await rm(workspaceRoot, { recursive: true, force: true });
  });

  async function startFakeEmulator(script: string, timeoutSeconds: number) {
    const executable = join(workspaceRoot, '.local/venv/bin/moto_server');
    await writeFile(executable, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    const [port] = await freePorts(1);
    const config = loadLocalInfraConfig(
      {
        ...inheritedEnv(),
        LOCAL_INFRA_COMPONENTS: 'aws-emulator',
        LOCAL_AWS_EMULATOR_PORT: String(port),
        LOCAL_INFRA_READY_TIMEOUT_SECONDS: String(timeoutSeconds),
      },
      { workspaceRoot },
    );
    const error = await startLocalInfra(config).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    return { config, error };
  }

  it('reports a stand-in that exits during startup with the tail of its log', async () => {
    const { config, error } = await startFakeEmulator('echo "boom: cannot bind" >&2; exit 3', 60);

    expect(error).toBeInstanceOf(LocalInfraError);
    expect((error as LocalInfraError).message).toContain('aws-emulator: aws-emulator exited during startup');
    expect((error as LocalInfraError).details).toContain('boom: cannot bind');
    expect(existsSync(join(config.stateDir, 'aws-emulator.pid'))).toBe(false);
  });

  it('stops a stand-in that never answers once the readiness timeout passes', async () => {
    const { config, error } = await startFakeEmulator('echo "still thinking"; exec sleep 60', 1);

    expect(error).toBeInstanceOf(LocalInfraError);
    expect((error as LocalInfraError).message).toMatch(/did not answer on port \d+ within 1 s/);
    expect((error as LocalInfraError).details).toContain('still thinking');
    expect(existsSync(join(config.stateDir, 'aws-emulator.pid'))).toBe(false);
    expect(await processesWorkingIn(config.stateDir)).toEqual([]);
  });
});

/** Enough of the environment for java, redis and python to run; nothing that could select other ports. */
function inheritedEnv(): Record<string, string | undefined> {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'] };
}

/**
 * Ports that are free now, drawn from 11000-21999: below the kernel's ephemeral range (so no
 * outgoing connection takes one meanwhile), and for cluster nodes with their bus port (+10000) free too.
 */
async function freePorts(count: number, options: { clusterPorts?: number } = {}): Promise<number[]> {
  const chosen: number[] = [];
  const taken = new Set<number>();
  while (chosen.length < count) {
    const port = 11_000 + Math.floor(Math.random() * 11_000);
    const needsBus = chosen.length >= count - (options.clusterPorts ?? 0);
    const wanted = needsBus ? [port, port + 10_000] : [port];
    if (wanted.some((candidate) => taken.has(candidate))) continue;
    if (!(await Promise.all(wanted.map(isFree))).every(Boolean)) continue;
    for (const candidate of wanted) taken.add(candidate);
    chosen.push(port);
  }
  return chosen;
}

async function isFree(port: number): Promise<boolean> {
  try {
    (await listen(port)).close();
    return true;
  } catch {
    return false;
  }
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server));
  });
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Alive and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^Z/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Live processes whose working directory is `dir`: what a stand-in spawned there would show up as. */
async function processesWorkingIn(dir: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  return pids.filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === dir && isAlive(pid);
    } catch {
      return false;
    }
  });
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Writes a pid file and launch record as `up` would have, but naming `pid`, as if the kernel had reused it. */
async function writeStalePidFile(stateDir: string, name: string, launchRecord: string, pid: number): Promise<void> {
  const record = JSON.parse(launchRecord) as Record<string, unknown>;
  await writeFile(join(stateDir, `${name}.launch.json`), JSON.stringify({ ...record, pid }));
  await writeFile(join(stateDir, `${name}.pid`), `${pid}\n`);
}

async function redisCli(port: number, ...command: string[]): Promise<string> {
  const { stdout } = await execFileAsync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command]);
  return stdout.trim();
}

/** A bare AWS JSON-protocol call; the stand-ins want an Authorization header but check no signature. */
async function awsJsonCall(
  endpoint: string | undefined,
  service: string,
  target: string,
  jsonVersion: '1.0' | '1.1',
): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint ?? 'http://endpoint-missing.invalid', {
    method: 'POST',
    headers: {
      'Content-Type': `application/x-amz-json-${jsonVersion}`,
      'X-Amz-Target': target,
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=test`,
    },
    body: '{}',
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

function byName(left: { name: string }, right: { name: string }): number {
  return left.name.localeCompare(right.name);
}
