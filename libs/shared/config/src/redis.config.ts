import Type from 'typebox';
import { ConfigRuleViolation, defineConfigPiece } from './config-piece';
import { choiceVariable, millisecondsVariable } from './schema-types';

/** A Redis Cluster seed node. */
export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/**
 * How to reach Redis: one server (`standalone`, with `REDIS_URL`) or a Redis Cluster (`cluster`,
 * with seed nodes in `REDIS_CLUSTER_NODES`, as ElastiCache in cluster mode), over TLS and with AUTH
 * when asked (ElastiCache's in-transit encryption and AUTH token or RBAC user). Redis only speeds
 * things up, so its timeouts are short: a slow Redis must cost little.
 */
export const redisConfig = defineConfigPiece(
  {
    REDIS_MODE: choiceVariable(['standalone', 'cluster'], 'standalone', 'Redis topology'),
    REDIS_URL: Type.String({
      pattern: '^rediss?://',
      default: 'redis://127.0.0.1:6379',
      description: 'Redis URL in standalone mode',
    }),
    REDIS_CLUSTER_NODES: Type.Optional(
      Type.String({
        pattern: '^[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*$',
        description: 'comma-separated host:port seed nodes in cluster mode',
      }),
    ),
    REDIS_KEY_PREFIX: Type.String({ default: '', maxLength: 64, description: 'prefix of every Redis key' }),
    REDIS_COMMAND_TIMEOUT_MS: millisecondsVariable(100, 10_000, 'how long one Redis command may take'),
    REDIS_TLS: Type.Boolean({
      default: false,
      description: 'connect over TLS (ElastiCache in-transit encryption); in standalone mode a rediss:// REDIS_URL does the same',
    }),
    REDIS_TLS_CA_FILE: Type.Optional(
      Type.String({ minLength: 1, description: "PEM CA bundle Redis's certificate must chain to; unset trusts the system's CAs (enough for ElastiCache)" }),
    ),
    REDIS_USERNAME: Type.Optional(Type.String({ minLength: 1, description: 'ACL user (ElastiCache RBAC); needs REDIS_PASSWORD' })),
    REDIS_PASSWORD: Type.Optional(
      Type.String({ minLength: 1, description: "AUTH token (ElastiCache AUTH) or the ACL user's password; a credential, from a Secret" }),
    ),
    REDIS_REQUIRED: Type.Boolean({
      default: false,
      description: 'whether readiness waits for Redis (it is an accelerator; the service works without it)',
    }),
  },
  (env) => {
    const tls = env.REDIS_TLS || (env.REDIS_MODE === 'standalone' && env.REDIS_URL.startsWith('rediss://'));
    if (env.REDIS_TLS_CA_FILE && !tls) throw new ConfigRuleViolation('REDIS_TLS_CA_FILE', 'needs REDIS_TLS=true (or a rediss:// REDIS_URL)');
    if (env.REDIS_USERNAME && !env.REDIS_PASSWORD) throw new ConfigRuleViolation('REDIS_PASSWORD', 'is required with REDIS_USERNAME');
    const common = {
      keyPrefix: env.REDIS_KEY_PREFIX,
      commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      required: env.REDIS_REQUIRED,
      tls: tls ? { caFile: env.REDIS_TLS_CA_FILE } : undefined,
      auth: env.REDIS_PASSWORD ? { username: env.REDIS_USERNAME, password: env.REDIS_PASSWORD } : undefined,
    };
    if (env.REDIS_MODE === 'standalone') return { ...common, mode: 'standalone' as const, url: env.REDIS_URL };
    if (!env.REDIS_CLUSTER_NODES) {
      throw new ConfigRuleViolation('REDIS_CLUSTER_NODES', 'is required when REDIS_MODE is cluster');
    }
    return { ...common, mode: 'cluster' as const, nodes: parseNodes(env.REDIS_CLUSTER_NODES) };
  },
);

function parseNodes(list: string): RedisNode[] {
  return list.split(',').map((node) => {
    const separator = node.lastIndexOf(':');
    return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
  });
}
