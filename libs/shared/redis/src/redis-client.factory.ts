import { readFileSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import { InvalidRedisKeyError } from './redis.errors';

/** A Redis client in either topology; both speak the same commands. */
export type RedisClient = Redis | Cluster;

/** One Redis Cluster seed node; the client discovers the others. */
export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/** Transport and credentials, in either topology. */
export interface RedisSecurity {
  /** TLS (ElastiCache in-transit encryption); `caFile` trusts a private CA instead of the system's. */
  readonly tls?: { readonly caFile?: string | undefined } | undefined;
  /** AUTH: the ElastiCache AUTH token, or an ACL user's password (with `username`). */
  readonly auth?: { readonly username?: string | undefined; readonly password: string } | undefined;
}

/** How to reach Redis: one server, or a Redis Cluster (ElastiCache in cluster mode). */
export type RedisConnectionConfig = (
  | { readonly mode: 'standalone'; readonly url: string }
  | { readonly mode: 'cluster'; readonly nodes: readonly RedisNode[] }
) &
  RedisSecurity;

/** Client behaviour; the defaults suit an accelerator that must cost little when Redis is sick. */
export interface RedisClientOptions {
  /** Prepended to every key; must not contain `{` or `}` (it would move keys to another slot). */
  readonly keyPrefix?: string;
  /** A command without reply after this long fails (default 500 ms). */
  readonly commandTimeoutMs?: number;
  /** Giving up on a connection attempt after this long (default 2,000 ms). */
  readonly connectTimeoutMs?: number;
}

const defaults = { commandTimeoutMs: 500, connectTimeoutMs: 2_000 } as const;

/**
 * Builds an ioredis client that fails fast. Redis is only an accelerator (DESIGN.md): a hold that
 * cannot ask Redis goes straight to DynamoDB, which decides correctly alone. So the client must
 * never make a request wait for Redis:
 *
 * - `enableOfflineQueue: false`: while disconnected, commands fail at once instead of piling up
 *   in memory and running late (after the caller has moved on).
 * - `commandTimeout`: a slow server costs at most this long per command.
 * - `maxRetriesPerRequest: 1`: a command interrupted by a dropped connection is retried once,
 *   not twenty times.
 * - Reconnection keeps going in the background with capped backoff, so the accelerator comes back
 *   by itself.
 *
 * Consequence: commands issued before the first connection is ready fail; callers treat that like
 * any Redis failure (skip the accelerator), and tests await {@link whenRedisReady}. Attach an
 * `error` listener: ioredis reports connection trouble as events.
 *
 * @throws InvalidRedisKeyError if `keyPrefix` contains a hash-tag brace.
 */
export function createRedisClient(config: RedisConnectionConfig, options: RedisClientOptions = {}): RedisClient {
  const { keyPrefix, commandTimeoutMs = defaults.commandTimeoutMs, connectTimeoutMs = defaults.connectTimeoutMs } = options;
  if (keyPrefix && /[{}]/.test(keyPrefix)) {
    throw new InvalidRedisKeyError(`Redis key prefix "${keyPrefix}" must not contain "{" or "}"`);
  }
  const connection = {
    commandTimeout: commandTimeoutMs,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 1,
    ...securityOptions(config),
  };
  if (config.mode === 'standalone') {
    return new Redis(config.url, {
      ...connection,
      keyPrefix,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
  }
  return new Cluster(
    config.nodes.map((node) => ({ host: node.host, port: node.port })),
    {
      keyPrefix,
      enableOfflineQueue: false,
      // Topology refreshes are bounded like commands, so a sick node cannot stall slot lookups.
      slotsRefreshTimeout: connectTimeoutMs,
      clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      // Over TLS, nodes are reached by the names the cluster announces, unresolved, so the
      // certificate check sees the name it was issued for (ElastiCache's configuration endpoint).
      ...(config.tls ? { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) } : {}),
      redisOptions: connection,
    },
  );
}

/** ioredis' TLS and AUTH options for `config`; the CA file is read once, here. */
function securityOptions(config: RedisSecurity) {
  const tls = config.tls ? { tls: config.tls.caFile ? { ca: readFileSync(config.tls.caFile) } : {} } : {};
  const auth = config.auth ? { password: config.auth.password, ...(config.auth.username ? { username: config.auth.username } : {}) } : {};
  return { ...tls, ...auth };
}
