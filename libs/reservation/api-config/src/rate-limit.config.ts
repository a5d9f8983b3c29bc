import { defineConfigPiece, millisecondsVariable } from '@ticketing/config';
import Type from 'typebox';

/**
 * Per-user rate limiting of the public API (DESIGN.md "Reservation API"): at most
 * `RATE_LIMIT_MAX` requests per user per `RATE_LIMIT_WINDOW_MS` (a fixed window that starts with
 * the user's first request), across every route that opts in with `perUserRateLimit`.
 *
 * `RATE_LIMIT_REDIS=true` (the default) counts in Redis, so every API replica draws on the same
 * budget; the connection comes from the shared `redisConfig` piece (`REDIS_*`). `false` counts in
 * this process's memory: each replica then grants the full budget on its own, which is only right
 * for a single local process without Redis.
 */
export const rateLimitConfig = defineConfigPiece(
  {
    RATE_LIMIT_ENABLED: Type.Boolean({ default: true, description: 'whether /v1 requests are rate limited per user' }),
    RATE_LIMIT_MAX: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 60,
      description: 'requests one user may make per window (429 RATE_LIMITED with Retry-After beyond it)',
    }),
    RATE_LIMIT_WINDOW_MS: millisecondsVariable(60_000, 3_600_000, 'length of the per-user rate-limit window'),
    RATE_LIMIT_REDIS: Type.Boolean({
      default: true,
      description:
        'count in Redis (REDIS_*), shared by all API replicas; false counts in process memory, for a local run without Redis',
    }),
  },
  (env) => ({
    enabled: env.RATE_LIMIT_ENABLED,
    max: env.RATE_LIMIT_MAX,
    windowMs: env.RATE_LIMIT_WINDOW_MS,
    store: env.RATE_LIMIT_REDIS ? ('redis' as const) : ('memory' as const),
  }),
);

/** The rate-limit settings, as {@link rateLimitConfig} reads them. */
export type RateLimitSettings = ReturnType<(typeof rateLimitConfig)['read']>;
