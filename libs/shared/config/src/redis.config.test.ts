import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config';
import { redisConfig } from './redis.config';

const load = (env: Record<string, string>) => loadConfig({ redis: redisConfig }, env).redis;
const cluster = { REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: 'clustercfg.ticketing.abc123.euw1.cache.amazonaws.com:6379' };

describe('redis config: TLS and AUTH', () => {
  it('speaks TLS when asked, or for a rediss:// URL, and authenticates with the password (and ACL user)', () => {
    expect(load({ ...cluster, REDIS_TLS: 'true', REDIS_PASSWORD: 'auth-token' })).toMatchObject({
      mode: 'cluster',
      tls: { caFile: undefined },
      auth: { username: undefined, password: 'auth-token' },
    });
    expect(load({ REDIS_URL: 'rediss://cache.example.com:6379' }).tls).toEqual({ caFile: undefined });
    expect(load({ ...cluster, REDIS_TLS: 'true', REDIS_TLS_CA_FILE: '/tls/ca.pem', REDIS_USERNAME: 'ticketing', REDIS_PASSWORD: 'p' })).toMatchObject({
      tls: { caFile: '/tls/ca.pem' },
      auth: { username: 'ticketing', password: 'p' },
    });
    expect(load(cluster)).toMatchObject({ tls: undefined, auth: undefined });
  });

  it('refuses a CA without TLS and a user without a password', () => {
    expect(() => load({ ...cluster, REDIS_TLS_CA_FILE: '/tls/ca.pem' })).toThrow(/REDIS_TLS_CA_FILE: needs REDIS_TLS=true/);
    expect(() => load({ ...cluster, REDIS_USERNAME: 'ticketing' })).toThrow(/REDIS_PASSWORD: is required with REDIS_USERNAME/);
  });
});
