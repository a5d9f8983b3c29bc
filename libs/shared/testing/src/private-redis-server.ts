import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { isAddressInUse, redisServerProcess, type RedisServerProcess } from './redis-server.process';

/** A standalone Redis that belongs to one test, so stopping it disturbs nobody else. */
export interface PrivateRedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for REDIS_URL. */
  readonly url: string;
  /** Whether it is running right now. */
  readonly running: boolean;
  /** SIGTERM and wait for the exit (its keys are gone: nothing is persisted). No-op when stopped. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, and resolves once it answers. */
  start(): Promise<void>;
  /** Stops it and removes its scratch directory; for afterAll. Safe to call more than once. */
  destroy(): Promise<void>;
}

const host = '127.0.0.1';
const portAttempts = 5;

/**
 * Starts a private `redis-server` on loopback (a free port unless `port` is given) that persists
 * nothing. Tests that stop and restart Redis on purpose use this instead of the shared stand-in.
 *
 * @example
 * ```ts
 * let redis: PrivateRedisServer;
 * beforeAll(async () => (redis = await startRedisServer()));
 * afterAll(() => redis?.destroy());
 * // … REDIS_URL: redis.url; later: await redis.stop(); …; await redis.start();
 * ```
 */
export async function startRedisServer(options: { readonly port?: number } = {}): Promise<PrivateRedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ticketing-redis-'));
  let server: RedisServerProcess | undefined;
  try {
    for (let attempt = 1; !server; attempt += 1) {
      const candidate = redisServerProcess({ host, port: options.port ?? (await findFreePort({ host })), dir });
      try {
        await candidate.start();
        server = candidate;
      } catch (error) {
        // A port found free can be taken before redis-server binds it; only then try another.
        if (options.port !== undefined || !isAddressInUse(error) || attempt >= portAttempts) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  return {
    port: running.port,
    url: `redis://${host}:${running.port}`,
    get running() {
      return running.running;
    },
    stop: () => running.stop(),
    start: () => running.start(),
    destroy: async () => {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
