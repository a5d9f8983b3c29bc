import { ConfigError, loadConfig } from '@ticketing/config';
import { createRedisClient, whenRedisReady, type RedisClient, type RedisConnectionConfig } from '@ticketing/redis';
import {
  cleanupRedisKeys,
  findFreePort,
  isolatedRedisKeyPrefix,
  localStandIns,
  startRedisServer,
  waitFor,
  type PrivateRedisServer,
} from '@ticketing/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimitKeyNamespace } from '../src/http/rate-limit';
import { rateLimitConfig } from '@ticketing/reservation-api-config';
import { buildRateLimitedApp, type RateLimitedApp, type RateLimitedAppOptions } from './support/rate-limit-app';

/*
 * Per-user rate limiting against the real Redis stand-ins (standalone and the 3-node cluster),
 * behind the real dev-hs256 auth and the real error handler. Nothing is mocked: "Redis down" is a
 * client pointed at a closed port, or a private redis-server that is stopped and started again.
 * Every test uses its own key prefix (REDIS_KEY_PREFIX) and deletes its keys afterwards.
 */

const max = 3;

/** ioredis reports connection trouble as events; the tests judge it by the app's answers instead. */
const ignoreConnectionErrors = () => undefined;
const env = { RATE_LIMIT_MAX: String(max), RATE_LIMIT_WINDOW_MS: '60000' };

describe('per-user rate limit', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** A client on the stand-in with a fresh REDIS_KEY_PREFIX; its keys are deleted after the test. */
  async function redisClient(connection: RedisConnectionConfig = localStandIns.redis.standalone): Promise<RedisClient> {
    const prefix = isolatedRedisKeyPrefix();
    const client = createRedisClient(connection, { keyPrefix: prefix, commandTimeoutMs: 1_000 });
    client.on('error', ignoreConnectionErrors);
    closers.push(async () => {
      if (client.status === 'ready') await cleanupRedisKeys(client, prefix);
      client.disconnect();
    });
    await whenRedisReady(client);
    return client;
  }

  async function appWith(options: RateLimitedAppOptions): Promise<RateLimitedApp> {
    const built = await buildRateLimitedApp(options);
    closers.push(() => built.app.close());
    return built;
  }

  const get = (app: FastifyInstance, url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** Sends `count` GET /v1/me as `token`, returning the status codes. */
  async function statuses(app: FastifyInstance, token: string, count: number): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < count; i += 1) codes.push((await get(app, '/v1/me', token)).statusCode);
    return codes;
  }

  it('answers the (max+1)-th request of a user in a window with 429 RATE_LIMITED, Retry-After and the error body', async () => {
    const redis = await redisClient();
    const { app, tokenFor } = await appWith({ env, redis });
    const token = tokenFor('user-1');

    for (let i = 1; i <= max; i += 1) {
      const response = await get(app, '/v1/me', token);
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-ratelimit-limit']).toBe(String(max));
      expect(response.headers['x-ratelimit-remaining']).toBe(String(max - i));
    }
    const refused = await get(app, '/v1/me', token);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('Retry in'), trace_id: expect.any(String) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');

    // One counter per user under REDIS_KEY_PREFIX + "ratelimit:", expiring with the window.
    expect(await redis.get(`${rateLimitKeyNamespace}user-1`)).toBe(String(max + 1));
    const ttl = await redis.pttl(`${rateLimitKeyNamespace}user-1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('limits each user on their own', async () => {
    const { app, tokenFor } = await appWith({ env, redis: await redisClient() });
    expect(await statuses(app, tokenFor('user-1'), max + 1)).toEqual([200, 200, 200, 429]);
    expect(await statuses(app, tokenFor('user-2'), max + 1)).toEqual([200, 200, 200, 429]);
  });

  it('charges one budget per user across routes, whichever hook the guard runs in', async () => {
    const { app, tokenFor } = await appWith({ env, redis: await redisClient() });
    const headers = { authorization: `Bearer ${tokenFor('user-1')}` };
    const note = () => app.inject({ method: 'POST', url: '/v1/me/notes', headers, payload: { note: 'hi' } });
    expect((await note()).statusCode).toBe(200);
    expect((await note()).statusCode).toBe(200);
    expect((await get(app, '/v1/me', tokenFor('user-1'))).statusCode).toBe(200);
    const refused = await note();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
  });

  it('counts nothing for anonymous callers or tokens that fail verification, whatever sub they claim', async () => {
    const redis = await redisClient();
    const { app, tokenFor } = await appWith({ env, redis });

    for (let i = 0; i < max + 2; i += 1) {
      expect((await get(app, '/v1/public')).statusCode).toBe(200);
      const forged = await get(app, '/v1/me', tokenFor('user-1', { secret: 'not-the-dev-secret-of-this-app-0123456789' }));
      expect(forged.statusCode).toBe(401);
      expect(forged.headers['x-ratelimit-remaining']).toBeUndefined();
      expect((await get(app, '/v1/me', 'not-a-jwt')).statusCode).toBe(401);
    }
    expect(await redis.get(`${rateLimitKeyNamespace}user-1`)).toBeNull();
    // user-1's budget is untouched.
    expect(await statuses(app, tokenFor('user-1'), max + 1)).toEqual([200, 200, 200, 429]);
  });

  it('shares the budget between API replicas through Redis', async () => {
    const devSecret = 'shared-dev-secret-of-both-replicas-0123456789';
    // Two replicas: each its own app and its own Redis connection, same REDIS_KEY_PREFIX.
    const first = await redisClient();
    const second = createRedisClient(localStandIns.redis.standalone, { keyPrefix: first.options.keyPrefix });
    second.on('error', ignoreConnectionErrors);
    closers.push(async () => second.disconnect());
    await whenRedisReady(second);
    const replicaA = await appWith({ env, redis: first, devSecret });
    const replicaB = await appWith({ env, redis: second, devSecret });
    const token = replicaA.tokenFor('user-1');

    expect(await statuses(replicaA.app, token, 2)).toEqual([200, 200]);
    expect(await statuses(replicaB.app, token, 1)).toEqual([200]);
    expect(await statuses(replicaB.app, token, 1)).toEqual([429]);
    expect(await statuses(replicaA.app, token, 1)).toEqual([429]);
  });

  it('lets the user in again once the window has passed', async () => {
    const { app, tokenFor } = await appWith({ env: { ...env, RATE_LIMIT_WINDOW_MS: '1000' }, redis: await redisClient() });
    const token = tokenFor('user-1');
    expect(await statuses(app, token, max + 1)).toEqual([200, 200, 200, 429]);
    await waitFor(async () => (await get(app, '/v1/me', token)).statusCode === 200, {
      description: 'user-1 let in after the window',
      timeoutMs: 3_000,
    });
  });

  it('works against the Redis Cluster, each user on whichever slot their key hashes to', async () => {
    const redis = await redisClient(localStandIns.redis.cluster);
    const { app, tokenFor } = await appWith({ env, redis });
    // Enough users that their keys land on all three masters; a hash tag in a user id only moves its key.
    const users = [...Array.from({ length: 12 }, (_, i) => `user-${i}`), 'user-{tagged}'];
    for (const user of users) expect(await statuses(app, tokenFor(user), max + 1)).toEqual([200, 200, 200, 429]);
    for (const user of users) expect(await redis.get(`${rateLimitKeyNamespace}${user}`)).toBe(String(max + 1));
  });

  it('fails open when Redis is unreachable, and logs it once instead of per request', async () => {
    const closedPort = await findFreePort();
    const redis = createRedisClient({ mode: 'standalone', url: `redis://127.0.0.1:${closedPort}` }, { commandTimeoutMs: 200 });
    redis.on('error', ignoreConnectionErrors);
    closers.push(async () => redis.disconnect());
    const { app, tokenFor, logs, metrics } = await appWith({ env, redis });

    expect(await statuses(app, tokenFor('user-1'), max + 3)).toEqual(Array(max + 3).fill(200));
    const outageLogs = logs.filter((line) => line['msg'] === 'rate-limit store failing; letting requests through unlimited');
    expect(outageLogs).toEqual([expect.objectContaining({ level: 50, store: 'redis', skippedChecks: 1, err: expect.any(Object) })]);
    expect(await metrics()).toMatch(/^reservation_api_rate_limit_store_failures_total\{[^}]*\} 6$/m);
  });

  describe('with a Redis that goes away and comes back', () => {
    let server: PrivateRedisServer | undefined;
    afterEach(async () => {
      await server?.destroy();
      server = undefined;
    });

    it('lets requests through while it is down and limits again once it is back', async () => {
      server = await startRedisServer();
      const redis = await redisClient({ mode: 'standalone', url: server.url });
      const { app, tokenFor, logs } = await appWith({ env, redis });
      const token = tokenFor('user-1');
      expect(await statuses(app, token, max + 1)).toEqual([200, 200, 200, 429]);

      await server.stop();
      expect(await statuses(app, token, 3)).toEqual([200, 200, 200]);
      await server.start(); // empty: the window starts over
      await waitFor(() => redis.status === 'ready', { description: 'the client reconnected', timeoutMs: 10_000 });
      expect(await statuses(app, token, max + 1)).toEqual([200, 200, 200, 429]);

      expect(logs).toContainEqual(expect.objectContaining({ level: 50, msg: 'rate-limit store failing; letting requests through unlimited' }));
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 40, msg: 'rate-limit store answering again; rate limiting resumed', skippedChecks: 3 }),
      );
    });
  });

  it('never limits /health, /ready or /metrics', async () => {
    const { app, tokenFor, metrics } = await appWith({ env, redis: await redisClient() });
    const token = tokenFor('user-1');
    expect(await statuses(app, token, max + 1)).toEqual([200, 200, 200, 429]);

    for (let i = 0; i < max + 2; i += 1) {
      for (const url of ['/health', '/ready', '/metrics']) {
        const response = await get(app, url, token);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['x-ratelimit-limit'], url).toBeUndefined();
      }
    }
    expect(await metrics()).toMatch(/^reservation_api_rate_limited_total\{[^}]*\} 1$/m);
  });

  it('counts in process memory with RATE_LIMIT_REDIS=false', async () => {
    const { app, tokenFor } = await appWith({ env: { ...env, RATE_LIMIT_REDIS: 'false' } });
    expect(await statuses(app, tokenFor('user-1'), max + 1)).toEqual([200, 200, 200, 429]);
    expect(await statuses(app, tokenFor('user-2'), 1)).toEqual([200]);
  });

  it('limits nothing with RATE_LIMIT_ENABLED=false, and says so at startup', async () => {
    const { app, tokenFor, logs } = await appWith({ env: { ...env, RATE_LIMIT_ENABLED: 'false' } });
    const response = await get(app, '/v1/me', tokenFor('user-1'));
    expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    expect(await statuses(app, tokenFor('user-1'), max + 3)).toEqual(Array(max + 3).fill(200));
    expect(logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringContaining('RATE_LIMIT_ENABLED=false') }));
  });

  it('refuses to start with RATE_LIMIT_REDIS=true and no Redis client', async () => {
    await expect(buildRateLimitedApp({ env })).rejects.toThrow(/RATE_LIMIT_REDIS is true but no Redis client/);
  });

  it('fails closed on a route using perUserRateLimit when the limiter was never installed', async () => {
    const { app, tokenFor } = await appWith({ env, installLimiter: false });
    const response = await get(app, '/v1/me', tokenFor('user-1'));
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
  });
});

describe('rateLimitConfig', () => {
  it('defaults to 60 requests per minute per user, counted in Redis', () => {
    expect(loadConfig({ rateLimit: rateLimitConfig }, {}).rateLimit).toEqual({
      enabled: true,
      max: 60,
      windowMs: 60_000,
      store: 'redis',
    });
    expect(loadConfig({ rateLimit: rateLimitConfig }, { RATE_LIMIT_REDIS: 'false' }).rateLimit.store).toBe('memory');
  });

  it('rejects bad values by name', () => {
    const bad = { RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_MS: 'a minute', RATE_LIMIT_ENABLED: 'maybe', RATE_LIMIT_REDIS: 'yes please' };
    let error: unknown;
    try {
      loadConfig({ rateLimit: rateLimitConfig }, bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual(Object.keys(bad).sort());
  });
});
