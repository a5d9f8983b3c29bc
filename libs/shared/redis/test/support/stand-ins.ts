import { randomBytes } from 'node:crypto';
import type { RedisConnectionConfig } from '../../src/redis-client.factory';

/*
 * Twin of @ticketing/testing's stand-ins.ts, on purpose: the harness is built on this lib, so this
 * lib's own tests cannot import it (a data-access lib may depend on util libs only, and the import
 * would close a dependency cycle). Same variables, same defaults; keep them in step.
 */
const env = process.env;

/** The standalone Redis stand-in. */
export const standaloneRedis: RedisConnectionConfig = {
  mode: 'standalone',
  url: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
};

/** The 3-master Redis Cluster stand-in. */
export const clusterRedis: RedisConnectionConfig = {
  mode: 'cluster',
  nodes: (env['REDIS_CLUSTER_NODES'] ?? '127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002').split(',').map((node) => {
    const separator = node.lastIndexOf(':');
    return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
  }),
};

/** A key prefix no other test uses, so each test works on fresh keys. */
export function uniqueKeyPrefix(): string {
  return `t-${randomBytes(4).toString('hex')}-`;
}
