import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { awsConfig } from './aws.config';
import { ConfigError } from './config-error';
import { defineConfigPiece } from './config-piece';
import { lifecycleConfig } from './lifecycle.config';
import { loadConfig } from './load-config';
import { observabilityConfig } from './observability.config';
import { redisConfig } from './redis.config';
import { portVariable } from './schema-types';

const serverConfig = defineConfigPiece(
  { HTTP_PORT: portVariable(3000, 'REST API port'), API_SECRET: Type.String({ minLength: 8 }) },
  (env) => ({ port: env.HTTP_PORT, secret: env.API_SECRET }),
);

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and converts strings to typed values', () => {
    const config = loadConfig(
      { aws: awsConfig, redis: redisConfig, lifecycle: lifecycleConfig, observability: observabilityConfig },
      { REDIS_COMMAND_TIMEOUT_MS: '250', REDIS_REQUIRED: 'true', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' },
    );
    expect(config.aws).toEqual({
      region: 'us-east-1',
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      sqsEndpoint: undefined,
      eventBridgeEndpoint: undefined,
      resourcePrefix: 'ticketing-local-',
    });
    expect(config.redis).toEqual({
      mode: 'standalone',
      url: 'redis://127.0.0.1:6379',
      keyPrefix: '',
      commandTimeoutMs: 250,
      required: true,
    });
    expect(config.lifecycle.shutdownTimeoutMs).toBe(10_000);
    expect(config.observability).toEqual({ logLevel: 'info', otlpEndpoint: undefined });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(
      { redis: redisConfig },
      { REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' },
    );
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.redis)).toBe(true);
    expect(config.redis.mode === 'cluster' && Object.isFrozen(config.redis.nodes[0])).toBe(true);
    expect(config.redis).toMatchObject({ nodes: [{ host: '127.0.0.1', port: 7000 }, { host: '127.0.0.1', port: 7001 }] });
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ server: serverConfig }, { HTTP_PORT: '', API_SECRET: 'long-enough' });
    expect(config.server.port).toBe(3000);
  });

  it('rejects bad values naming every bad variable, without echoing values', () => {
    const error = configErrorOf(() =>
      loadConfig(
        { server: serverConfig, redis: redisConfig, observability: observabilityConfig },
        { HTTP_PORT: '70000', API_SECRET: 'short', LOG_LEVEL: 'loud', REDIS_URL: 'http://not-redis' },
      ),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'API_SECRET',
      'HTTP_PORT',
      'LOG_LEVEL',
      'REDIS_URL',
    ]);
    expect(error.message).toContain('HTTP_PORT');
    expect(error.message).toContain('REST API port');
    expect(error.message).not.toContain('short');
  });

  it('reports a missing required variable by name', () => {
    const error = configErrorOf(() => loadConfig({ server: serverConfig }, {}));
    expect(error.issues).toEqual([expect.objectContaining({ variable: 'API_SECRET' })]);
  });

  it('rejects a non-numeric port', () => {
    const error = configErrorOf(() => loadConfig({ server: serverConfig }, { HTTP_PORT: 'abc', API_SECRET: 'long-enough' }));
    expect(error.issues).toEqual([expect.objectContaining({ variable: 'HTTP_PORT' })]);
  });

  it('enforces rules across variables', () => {
    const error = configErrorOf(() => loadConfig({ redis: redisConfig }, { REDIS_MODE: 'cluster' }));
    expect(error.issues).toEqual([
      { variable: 'REDIS_CLUSTER_NODES', problem: 'is required when REDIS_MODE is cluster' },
    ]);
  });

  it('rejects endpoint typos at boot', () => {
    const error = configErrorOf(() => loadConfig({ aws: awsConfig }, { DYNAMODB_ENDPOINT: 'localhost:8000' }));
    expect(error.issues[0]?.variable).toBe('DYNAMODB_ENDPOINT');
  });
});
