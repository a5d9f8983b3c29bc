import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LocalInfraComponent } from './component';
import { requireExecutable } from './executable-lookup';
import type { LocalInfraConfig } from './local-infra.config';
import { LocalInfraError } from './local-infra.errors';
import { redisAnswersPing, waitUntilReady } from './readiness';
import { sendRedisCommand } from './redis-protocol';
import { redisInstallHint, redisProcessTitle, redisServerArgs, requireRedisServer } from './redis-server';

const execFileAsync = promisify(execFile);

/**
 * A three-master Redis Cluster (no replicas) for the cluster-mode tests: hash slots, MOVED
 * redirects and cross-slot errors only show up against a real cluster.
 *
 * Each node keeps its `nodes.conf` in its own scratch dir. A node that crashed and is restarted by
 * `up` reloads it and rejoins under the same identity; `down` deletes the dirs, so the next `up`
 * builds a fresh cluster.
 */
export const redisClusterComponent: LocalInfraComponent = {
  name: 'redis-cluster',
  processes(config) {
    const command = requireRedisServer(config);
    return config.redisCluster.ports.map((port) => {
      const dir = join(config.stateDir, `redis-cluster-${port}`);
      return {
        component: 'redis-cluster' as const,
        name: `redis-cluster-${port}`,
        command,
        args: [
          ...redisServerArgs(config.host, port),
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
        ],
        cwd: dir,
        env: config.childEnv,
        port,
        claims: [
          { port, setting: 'LOCAL_REDIS_CLUSTER_PORTS' },
          // Nodes gossip on port + 10000; a busy bus port makes redis-server exit at start.
          { port: port + 10_000, setting: 'LOCAL_REDIS_CLUSTER_PORTS (cluster bus = port + 10000)' },
        ],
        retitledAs: redisProcessTitle(command, config.host, port),
        scratchDir: dir,
        probe: () => redisAnswersPing(config.host, port),
      };
    });
  },
  async settle(config) {
    const nodes = config.redisCluster.ports;
    const infos = await Promise.all(nodes.map((port) => clusterInfo(config.host, port)));
    if (infos.every((info) => info.get('cluster_state') === 'ok')) return;
    // Only a set of blank nodes may be joined; anything else is a cluster converging after a restart.
    if (infos.every((info) => info.get('cluster_known_nodes') === '1' && info.get('cluster_slots_assigned') === '0')) {
      await createCluster(config);
    }
    const outcome = await waitUntilReady({
      probe: async () => {
        const states = await Promise.all(nodes.map((port) => clusterInfo(config.host, port)));
        return states.every((info) => info.get('cluster_state') === 'ok');
      },
      timeoutMs: config.readinessTimeoutMs,
    });
    if (outcome !== 'ready') {
      throw new LocalInfraError(
        `redis-cluster: nodes ${nodes.join(', ')} did not reach cluster_state:ok within ${config.readinessTimeoutMs / 1000} s; run infra:down, then infra:up to rebuild it`,
      );
    }
  },
  endpoints: (config) => ({
    REDIS_CLUSTER_NODES: config.redisCluster.ports.map((port) => `${config.host}:${port}`).join(','),
  }),
};

async function clusterInfo(host: string, port: number): Promise<Map<string, string>> {
  const reply = await sendRedisCommand(host, port, ['CLUSTER', 'INFO']);
  const info = new Map<string, string>();
  if (typeof reply !== 'string') return info;
  for (const line of reply.split('\r\n')) {
    const separator = line.indexOf(':');
    if (separator > 0) info.set(line.slice(0, separator), line.slice(separator + 1));
  }
  return info;
}

async function createCluster(config: LocalInfraConfig): Promise<void> {
  const redisCli = requireExecutable('redis-cli', config.childEnv, redisInstallHint);
  const nodes = config.redisCluster.ports.map((port) => `${config.host}:${port}`);
  try {
    await execFileAsync(redisCli, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
      env: config.childEnv,
      timeout: config.readinessTimeoutMs,
    });
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    throw new LocalInfraError(
      `redis-cluster: redis-cli --cluster create ${nodes.join(' ')} failed`,
      output.split('\n').filter((line) => line.trim() !== '').slice(-20),
      { cause: error },
    );
  }
}
