import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { redisAccessArgs, redisCli, redisClusterInfo, type RedisAccess } from './redis-cli';
import { redisAccessFor, redisServerProcess, type RedisServerProcess, type RedisServerProcessOptions } from './redis-server.process';
import { waitFor } from './wait-for';

/** A three-master Redis Cluster that belongs to one test, so stopping it disturbs nobody else. */
export interface PrivateRedisCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`, for REDIS_CLUSTER_NODES. */
  readonly nodes: string;
  readonly ports: readonly number[];
  /** Whether every node is running. */
  readonly running: boolean;
  /** Stops every node (SIGTERM, waiting for the exits); their keys are gone, their nodes.conf stays. */
  stop(): Promise<void>;
  /** Starts the nodes again from their nodes.conf, so the same cluster re-forms; resolves at cluster_state:ok. */
  start(): Promise<void>;
  /** Stops the nodes and removes their directories; for afterAll. Safe to call more than once. */
  destroy(): Promise<void>;
}

const host = '127.0.0.1';
/** A cluster node also listens on port + 10000, the cluster bus. */
const busOffset = 10_000;
const nodeCount = 3;
const formAttempts = 3;

/**
 * Starts three private cluster-enabled `redis-server` nodes on free ports (bus ports free too),
 * each with its own directory and `nodes.conf`, joins them with
 * `redis-cli --cluster create … --cluster-replicas 0` and waits for `cluster_state:ok` on all.
 * With `security`, the nodes speak TLS only (the cluster bus too) and want AUTH, as ElastiCache
 * with in-transit encryption and an AUTH token does.
 *
 * @example
 * ```ts
 * let cluster: PrivateRedisCluster;
 * beforeAll(async () => (cluster = await startRedisCluster()));
 * afterAll(() => cluster?.destroy());
 * // … REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: cluster.nodes; later: stop(), start()
 * ```
 */
export async function startRedisCluster(security: RedisServerProcessOptions['security'] = {}): Promise<PrivateRedisCluster> {
  // Ports are checked free, then bound by redis-server a moment later; if one was taken in
  // between, that node fails to start and a fresh set of ports is tried.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await formCluster(security);
    } catch (error) {
      if (attempt >= formAttempts) throw error;
    }
  }
}

async function formCluster(security: NonNullable<RedisServerProcessOptions['security']>): Promise<PrivateRedisCluster> {
  const access = redisAccessFor(security);
  const taken = new Set<number>();
  const nodes: { server: RedisServerProcess; dir: string }[] = [];
  const destroy = async () => {
    await Promise.all(nodes.map(({ server }) => server.stop()));
    await Promise.all(nodes.map(({ dir }) => rm(dir, { recursive: true, force: true })));
  };
  try {
    for (let index = 0; index < nodeCount; index += 1) {
      const port = await findFreePort({ host, companionOffsets: [busOffset], exclude: taken });
      for (const used of [port, port + busOffset, port - busOffset]) taken.add(used);
      const dir = await mkdtemp(join(tmpdir(), `ticketing-redis-cluster-${port}-`));
      nodes.push({
        dir,
        server: redisServerProcess({
          host,
          port,
          dir,
          extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
          security,
        }),
      });
    }
    await Promise.all(nodes.map(({ server }) => server.start()));
    const addresses = nodes.map(({ server }) => `${host}:${server.port}`);
    await redisCli(['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes', ...redisAccessArgs(access)], 30_000);
    const ports = nodes.map(({ server }) => server.port);
    await waitForClusterOk(ports, access);
    return {
      nodes: addresses.join(','),
      ports,
      get running() {
        return nodes.every(({ server }) => server.running);
      },
      stop: async () => {
        await Promise.all(nodes.map(({ server }) => server.stop()));
      },
      start: async () => {
        await Promise.all(nodes.filter(({ server }) => !server.running).map(({ server }) => server.start()));
        await waitForClusterOk(ports, access);
      },
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}

async function waitForClusterOk(ports: readonly number[], access: RedisAccess): Promise<void> {
  await waitFor(
    async () => {
      const infos = await Promise.all(ports.map((port) => redisClusterInfo(host, port, access)));
      return infos.every((info) => info.get('cluster_state') === 'ok');
    },
    { description: `cluster_state:ok on ${ports.map((port) => `${host}:${port}`).join(', ')}`, timeoutMs: 30_000, intervalMs: 100 },
  );
}
