import { describe, expect, it } from 'vitest';
import { LocalInfraError, loadLocalInfraConfig } from '../src/local-infra/index';

const workspaceRoot = '/workspace';

function load(env: Record<string, string>) {
  return loadLocalInfraConfig(env, { workspaceRoot });
}

describe('loadLocalInfraConfig', () => {
  it('defaults to the documented ports, every component and a state dir under the workspace', () => {
    const config = load({});

    expect(config.stateDir).toBe('/workspace/.local/run');
    expect(config.components).toEqual(['dynamodb', 'redis', 'redis-cluster', 'aws-emulator']);
    expect(config.dynamodb.port).toBe(8000);
    expect(config.redis.port).toBe(6379);
    expect(config.redisCluster.ports).toEqual([7000, 7001, 7002]);
    expect(config.awsEmulator.port).toBe(4566);
    expect(config.awsEmulator.executable).toBe('/workspace/.local/venv/bin/moto_server');
    expect(Object.isFrozen(config.redisCluster.ports)).toBe(true);
  });

  it('applies overrides, resolving a relative state dir from the workspace root', () => {
    const config = load({
      LOCAL_INFRA_DIR: 'tmp/infra',
      LOCAL_DYNAMODB_PORT: '9000',
      LOCAL_REDIS_PORT: '7379',
      LOCAL_REDIS_CLUSTER_PORTS: '8100, 8101,8102',
      LOCAL_AWS_EMULATOR_PORT: '5566',
      LOCAL_INFRA_COMPONENTS: 'aws-emulator,redis',
    });

    expect(config.stateDir).toBe('/workspace/tmp/infra');
    expect(config.dynamodb.port).toBe(9000);
    expect(config.redis.port).toBe(7379);
    expect(config.redisCluster.ports).toEqual([8100, 8101, 8102]);
    expect(config.awsEmulator.port).toBe(5566);
    // Canonical order, whatever order they were listed in.
    expect(config.components).toEqual(['redis', 'aws-emulator']);
    expect(load({ LOCAL_INFRA_DIR: '/var/tmp/infra' }).stateDir).toBe('/var/tmp/infra');
  });

  it.each([
    ['LOCAL_DYNAMODB_PORT', 'abc'],
    ['LOCAL_REDIS_PORT', '80'],
    ['LOCAL_AWS_EMULATOR_PORT', '70000'],
    ['LOCAL_REDIS_CLUSTER_PORTS', '7000,7001'],
    ['LOCAL_REDIS_CLUSTER_PORTS', '7000,x,7002'],
    ['LOCAL_REDIS_CLUSTER_PORTS', '60000,60001,60002'],
    ['LOCAL_INFRA_COMPONENTS', 'redis,postgres'],
    ['LOCAL_INFRA_READY_TIMEOUT_SECONDS', '0'],
    ['LOCAL_INFRA_RESOURCE_PREFIX', 'bad prefix'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(LocalInfraError);
    expect(() => load({ [name]: value })).toThrow(name);
  });

  it('rejects two stand-ins on one port, naming both settings', () => {
    expect(() => load({ LOCAL_REDIS_PORT: '7001' })).toThrow(/LOCAL_REDIS_CLUSTER_PORTS.*LOCAL_REDIS_PORT|LOCAL_REDIS_PORT.*LOCAL_REDIS_CLUSTER_PORTS/);
    // The cluster bus of 7000 is 17000.
    expect(() => load({ LOCAL_AWS_EMULATOR_PORT: '17000' })).toThrow(/cluster bus/);
  });
});
