import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '@ticketing/config';
import type { RedisClient } from '@ticketing/redis';
import { createMetricsRegistry, renderMetrics } from '@ticketing/telemetry';
import { registerFastifyOps } from '@ticketing/fastify-ops';
import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import { authConfig, devTokenIssuer, installAuth, requireUser } from '../../src/auth/index';
import { installErrorHandler } from '../../src/error-handler';
import { installRateLimit, perUserRateLimit } from '../../src/http/rate-limit';
import { rateLimitConfig } from '@ticketing/reservation-api-config';
import { encodeJwt, hmacSha256 } from '@ticketing/testing';

/** Audience of the tokens {@link RateLimitedApp.tokenFor} mints and the app expects. */
const audience = 'ticketing-api';

/** An app with the real auth (dev-hs256), error handler, ops routes and rate limiter. */
export interface RateLimitedApp {
  readonly app: FastifyInstance;
  /** JSON log lines the app wrote (warn and above), parsed. */
  readonly logs: readonly Record<string, unknown>[];
  /** An HS256 dev token for `sub`, signed with this app's dev secret (or `secret`, to forge one). */
  tokenFor(sub: string, options?: { readonly secret?: string }): string;
  /** The Prometheus text of the app's registry. */
  metrics(): Promise<string>;
}

/** How to build a {@link RateLimitedApp}. */
export interface RateLimitedAppOptions {
  /** `RATE_LIMIT_*` variables, read through the real config piece. */
  readonly env: Readonly<Record<string, string>>;
  /** The Redis client (RATE_LIMIT_REDIS=true); its key prefix plays REDIS_KEY_PREFIX. */
  readonly redis?: RedisClient;
  /** Dev secret shared by apps that stand for replicas of one deployment; random otherwise. */
  readonly devSecret?: string;
  /** False builds the app without `installRateLimit`, to show the hook then fails closed. */
  readonly installLimiter?: boolean;
}

/**
 * Builds the smallest app that exercises rate limiting as the API wires it: `installAuth` in
 * AUTH_MODE=dev-hs256, the real error handler, /health, /ready and /metrics from
 * `registerFastifyOps`, then `installRateLimit`, and routes inside an encapsulated `/v1` plugin:
 *
 * - `GET /v1/me`: `onRequest: [requireUser, perUserRateLimit]` (as the API's routes);
 * - `POST /v1/me/notes`: `preHandler: [requireUser, perUserRateLimit]`, with a body schema;
 * - `GET /v1/public`: `perUserRateLimit` without a guard (as the seat map when it is public);
 */
export async function buildRateLimitedApp(options: RateLimitedAppOptions): Promise<RateLimitedApp> {
  const devSecret = options.devSecret ?? randomBytes(32).toString('hex');
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'warn', stream } });
  installErrorHandler(app);
  const registry = createMetricsRegistry('reservation-api');
  registerFastifyOps(app, { registry, readinessChecks: [], isDraining: () => false });

  const config = loadConfig(
    { auth: authConfig, rateLimit: rateLimitConfig },
    { AUTH_MODE: 'dev-hs256', JWT_DEV_SECRET: devSecret, JWT_AUDIENCE: audience, ...options.env },
  );
  await installAuth(app, config.auth);
  if (options.installLimiter !== false) await installRateLimit(app, config.rateLimit, options.redis, { registry });

  await app.register(
    async (routes) => {
      routes.get('/me', { onRequest: [requireUser, perUserRateLimit] }, async (request) => ({ userId: request.user.userId }));
      routes.post(
        '/me/notes',
        { preHandler: [requireUser, perUserRateLimit], schema: { body: Type.Object({ note: Type.String() }) } },
        async (request) => ({ userId: request.user.userId }),
      );
      routes.get('/public', { onRequest: perUserRateLimit }, async () => ({ public: true }));
    },
    { prefix: '/v1' },
  );
  await app.ready();

  return {
    app,
    logs,
    tokenFor(sub, { secret = devSecret } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: devTokenIssuer, aud: audience, sub, iat: now, exp: now + 600 };
      return encodeJwt({ alg: 'HS256', typ: 'JWT' }, claims, hmacSha256(secret));
    },
    metrics: async () => (await renderMetrics(registry)).body,
  };
}
