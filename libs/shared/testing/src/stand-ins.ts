import type { AwsClientsConfig } from '@ticketing/aws';
import type { RedisConnectionConfig, RedisNode } from '@ticketing/redis';

/*
 * The ONE place the harness reads the environment. Defaults are the loopback ports the local
 * infrastructure starts the stand-ins on; CI or a developer can point tests elsewhere with the
 * same variables the services use.
 */
const env = process.env;

// The SDK refuses to sign requests without credentials, even for stand-ins that ignore them.
// Dummy values only where none are set, so a developer's real profile settings are not clobbered
// by accident; they never reach AWS because every endpoint here is local.
env['AWS_ACCESS_KEY_ID'] ??= 'local';
env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
env['AWS_REGION'] ??= 'us-east-1';

/** Endpoints of the local stand-ins, ready to pass to the client factories. */
export interface LocalStandIns {
  readonly aws: Required<AwsClientsConfig>;
  readonly redis: {
    readonly standalone: Extract<RedisConnectionConfig, { mode: 'standalone' }>;
    readonly cluster: Extract<RedisConnectionConfig, { mode: 'cluster' }>;
  };
}

/**
 * Where DynamoDB Local, the SQS/EventBridge emulator, Redis and the Redis Cluster listen.
 * Overridable with DYNAMODB_ENDPOINT, SQS_ENDPOINT, EVENTBRIDGE_ENDPOINT, REDIS_URL and
 * REDIS_CLUSTER_NODES (`host:port,host:port`).
 *
 * @example
 * ```ts
 * const clients = createAwsClients(localStandIns.aws);
 * const redis = createRedisClient(localStandIns.redis.cluster);
 * ```
 */
export const localStandIns: LocalStandIns = {
  aws: {
    region: env['AWS_REGION'],
    dynamodbEndpoint: env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000',
    sqsEndpoint: env['SQS_ENDPOINT'] ?? 'http://127.0.0.1:4566',
    eventBridgeEndpoint: env['EVENTBRIDGE_ENDPOINT'] ?? 'http://127.0.0.1:4566',
  },
  redis: {
    standalone: { mode: 'standalone', url: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
    cluster: {
      mode: 'cluster',
      nodes: parseNodes(env['REDIS_CLUSTER_NODES'] ?? '127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002'),
    },
  },
};

function parseNodes(list: string): RedisNode[] {
  return list.split(',').map((node) => {
    const separator = node.lastIndexOf(':');
    const port = Number(node.slice(separator + 1));
    if (separator < 1 || !Number.isInteger(port)) {
      throw new Error(`REDIS_CLUSTER_NODES must be host:port,host:port; got "${list}"`);
    }
    return { host: node.slice(0, separator), port };
  });
}
