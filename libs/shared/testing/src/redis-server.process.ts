import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { redisInstallHint, redisProcessId, type RedisAccess } from './redis-cli';

/** One redis-server the harness started; it may be stopped and started again on the same port. */
export interface RedisServerProcess {
  readonly host: string;
  readonly port: number;
  /** Whether it is running (started and not stopped). */
  readonly running: boolean;
  /** Starts it and resolves once it answers. @throws if it exits first (e.g. the port is taken). */
  start(): Promise<void>;
  /** SIGTERM, then waits for the exit (SIGKILL after `timeoutMs`); a no-op when not running. */
  stop(timeoutMs?: number): Promise<void>;
}

/** How to run one redis-server. */
export interface RedisServerProcessOptions {
  readonly host: string;
  readonly port: number;
  /** Working and data directory (cluster nodes keep their `nodes.conf` here). */
  readonly dir: string;
  /** Arguments after the common ones, e.g. the cluster settings. */
  readonly extraArgs?: readonly string[];
  /**
   * TLS only (no plaintext port) with this key pair, and AUTH with this password; the harness then
   * reaches it the same way (`caFile` checks the server's certificate).
   */
  readonly security?: { readonly tls?: { readonly caFile: string; readonly certFile: string; readonly keyFile: string }; readonly password?: string };
}

/** How a client reaches a server started with `security`: TLS checked against its CA, AUTH with its password. */
export function redisAccessFor(security: NonNullable<RedisServerProcessOptions['security']>): RedisAccess {
  return { ...(security.tls ? { tls: { caFile: security.tls.caFile } } : {}), ...(security.password ? { password: security.password } : {}) };
}

/** Output kept for error messages: enough to show why a server refused to start. */
const keptOutputChars = 4_000;
const startTimeoutMs = 20_000;

/**
 * A redis-server on loopback that persists nothing (`--save '' --appendonly no`): every test
 * creates its own keys, and a restart must come back empty, like a flushed or replaced node.
 * Not started yet; call `start()`. A process that is still running when the test process exits
 * is killed then, so a crashed test leaves no server behind.
 */
export function redisServerProcess(options: RedisServerProcessOptions): RedisServerProcess {
  const { host, port, dir, security = {} } = options;
  const { tls, password } = security;
  const access = redisAccessFor(security);
  const args = [
    ...(tls
      ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile,
         '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no', '--tls-cluster', 'yes', '--tls-replication', 'yes']
      : ['--port', String(port)]),
    ...(password ? ['--requirepass', password, '--masterauth', password] : []),
    '--bind', host,
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    ...(options.extraArgs ?? []),
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const killOnExit = () => child?.kill('SIGKILL');

  const start = async () => {
    if (child) throw new Error(`redis-server on ${host}:${port} is already running`);
    output = '';
    const started = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    process.once('exit', killOnExit);
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-keptOutputChars));
    started.stdout?.on('data', keep);
    started.stderr?.on('data', keep);
    let spawnError: Error | undefined;
    exited = new Promise<void>((resolve) => {
      started.once('error', (error) => {
        spawnError = error;
        resolve();
      });
      started.once('exit', () => resolve());
    }).then(() => {
      process.off('exit', killOnExit);
      if (child === started) child = undefined;
    });
    let hasExited = false;
    void exited.then(() => (hasExited = true));
    const deadline = Date.now() + startTimeoutMs;
    let ready = false;
    while (!hasExited && !ready && Date.now() < deadline) {
      // Compare the pid, not just PING: if someone else's server holds the port, ours exits on its
      // failed bind, and a PING in that moment would be answered by the other one.
      ready = (await redisProcessId(host, port, access)) === started.pid;
      if (!ready) await sleep(50);
    }
    if (!ready && !hasExited) {
      await stop();
      throw new Error(`redis-server on ${host}:${port} did not answer within ${startTimeoutMs} ms: ${output.trim()}`);
    }
    if (!ready) {
      const reason = (spawnError as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? redisInstallHint : output.trim();
      throw new Error(`redis-server on ${host}:${port} exited during start: ${reason}`, { cause: spawnError });
    }
  };

  const stop = async (timeoutMs = 10_000) => {
    const running = child;
    if (!running) return;
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };

  return {
    host,
    port,
    get running() {
      return child !== undefined;
    },
    start,
    stop,
  };
}

/** Whether a failed start means "someone else has this port" (worth retrying on another one). */
export function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && /address already in use/i.test(error.message);
}
