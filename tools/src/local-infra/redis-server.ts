import type { LocalInfraConfig } from './local-infra.config';
import { requireExecutable } from './executable-lookup';

/** Shown whenever a Redis binary is missing. */
export const redisInstallHint = 'install Redis: sudo apt-get install -y redis-server (provides redis-server and redis-cli)';

/** Absolute path of `redis-server`, or a LocalInfraError telling how to install it. */
export function requireRedisServer(config: LocalInfraConfig): string {
  return requireExecutable('redis-server', config.childEnv, redisInstallHint);
}

/**
 * Arguments shared by the standalone server and the cluster nodes: loopback only, and nothing
 * persisted, since every test creates its own keys and stale data would only hide bugs.
 */
export function redisServerArgs(host: string, port: number): string[] {
  return ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no'];
}

/** The title redis-server gives itself once running (`<argv0> <bind>:<port> [mode]`). */
export function redisProcessTitle(command: string, host: string, port: number): string {
  return `${command} ${host}:${port}`;
}
