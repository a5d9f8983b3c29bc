import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Shown when the Redis binaries are missing. */
export const redisInstallHint = 'install Redis: sudo apt-get install -y redis-server (provides redis-server and redis-cli)';

/**
 * Runs `redis-cli` with `args` and returns its stdout. The harness may not import ioredis (module
 * boundaries) and needs only a handful of admin commands, so it shells out to the CLI that comes
 * with `redis-server` anyway.
 *
 * @throws Error with redis-cli's output when it exits non-zero or is missing.
 */
export async function redisCli(args: readonly string[], timeoutMs = 10_000): Promise<string> {
  try {
    const { stdout } = await execFileAsync('redis-cli', [...args], { timeout: timeoutMs });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw new Error(`redis-cli not found; ${redisInstallHint}`, { cause: error });
    throw new Error(`redis-cli ${args.join(' ')} failed: ${failure.stdout ?? ''}${failure.stderr ?? ''}`.trim(), {
      cause: error,
    });
  }
}

/** How the CLI reaches a server that speaks TLS (server certificates checked against `caFile`) or wants AUTH. */
export interface RedisAccess {
  readonly tls?: { readonly caFile: string };
  readonly password?: string;
}

/** The redis-cli arguments of `access`. */
export function redisAccessArgs(access: RedisAccess = {}): string[] {
  return [
    ...(access.tls ? ['--tls', '--cacert', access.tls.caFile] : []),
    ...(access.password ? ['-a', access.password, '--no-auth-warning'] : []),
  ];
}

/** The pid of the server answering on `host:port` (`INFO server`), or undefined when none answers. */
export async function redisProcessId(host: string, port: number, access?: RedisAccess): Promise<number | undefined> {
  try {
    const info = await redisCli(['-h', host, '-p', String(port), ...redisAccessArgs(access), 'INFO', 'server'], 2_000);
    const match = /^process_id:(\d+)/m.exec(info);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** `CLUSTER INFO` of one node as key/value pairs (empty when the node does not answer). */
export async function redisClusterInfo(host: string, port: number, access?: RedisAccess): Promise<ReadonlyMap<string, string>> {
  const info = new Map<string, string>();
  let text: string;
  try {
    text = await redisCli(['-h', host, '-p', String(port), ...redisAccessArgs(access), 'CLUSTER', 'INFO'], 2_000);
  } catch {
    return info;
  }
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf(':');
    if (separator > 0) info.set(line.slice(0, separator), line.slice(separator + 1));
  }
  return info;
}
