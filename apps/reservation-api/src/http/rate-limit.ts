import rateLimit from '@fastify/rate-limit';
import { TicketingError } from '@ticketing/errors';
import type { RedisCircuit, RedisClient } from '@ticketing/redis';
import { registerMetrics, type Registry } from '@ticketing/telemetry';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../auth';
import { rateLimitMetrics, type RateLimitSettings } from '@ticketing/reservation-api-config';

/**
 * Namespace of the counters in Redis, after the client's `REDIS_KEY_PREFIX`: one key per user,
 * `<REDIS_KEY_PREFIX>ratelimit:<user id>`, expiring with its window. A single key per check means
 * the limiter's Lua script always touches one Redis Cluster slot.
 */
export const rateLimitKeyNamespace = 'ratelimit:';

/** Optional extras of {@link installRateLimit}. */
export interface RateLimitOptions {
  /** Where the limiter's counters go (refusals, checks skipped because the store failed). */
  readonly registry?: Registry;
  /** The breaker in front of Redis: while it is open the check is skipped at once (fail open). */
  readonly circuit?: RedisCircuit;
}

type UserRateCheck = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Where {@link installRateLimit} keeps the check; a symbol so no route can shadow it. */
const userRateCheckKey: unique symbol = Symbol('ticketing.rateLimit');

declare module 'fastify' {
  interface FastifyInstance {
    [userRateCheckKey]?: UserRateCheck;
  }
}

/** How often a continuing store outage is logged again (its first failure is logged at once). */
const outageLogIntervalMs = 60_000;

/**
 * Installs per-user rate limiting on `app` (the root instance) and makes {@link perUserRateLimit}
 * usable on its routes. Nothing is limited until a route uses that hook.
 *
 * Counting is @fastify/rate-limit's, registered with `global: false`: only routes that opt in are
 * limited, so /health, /ready, /metrics, /docs, /openapi.json and the worker's /internal routes
 * never are, and a route added later is not limited by surprise. One counter per user is shared
 * by every opted-in route (the budget is per user, not per user and route).
 *
 * The store is Redis (`settings.store === 'redis'`, pass the client; every replica shares the
 * budget) or this process's memory. The client stays the caller's: it is not closed here.
 *
 * A failing store (Redis down, slow past its command timeout, not yet connected) lets requests
 * through unlimited and logs the outage: rate limiting protects the API, and a Redis outage must
 * not turn into an API outage. That is done here rather than with the plugin's `skipOnError`,
 * which would skip silently.
 *
 * @throws Error when `settings.store` is `redis` and no client is given (a wiring mistake).
 *
 * @example
 * await installAuth(app, config.auth);
 * await installRateLimit(app, config.rateLimit, redis, { registry });
 * app.post('/v1/reservations', { onRequest: [requireUser, perUserRateLimit] }, handler);
 */
export async function installRateLimit(
  app: FastifyInstance,
  settings: RateLimitSettings,
  redis: RedisClient | undefined,
  options: RateLimitOptions = {},
): Promise<void> {
  if (!settings.enabled) {
    app.log.warn('RATE_LIMIT_ENABLED=false: requests are not rate limited');
    app.decorate(userRateCheckKey, async () => undefined);
    return;
  }
  if (settings.store === 'redis' && !redis) {
    throw new Error('installRateLimit: RATE_LIMIT_REDIS is true but no Redis client was given');
  }

  await app.register(rateLimit, {
    global: false,
    max: settings.max,
    timeWindow: settings.windowMs,
    // Only ever called for a verified caller (the check returns early without one).
    keyGenerator: (request) => request.user.userId,
    // Store failures reach the check below, which lets the request through and logs.
    skipOnError: false,
    ...(settings.store === 'redis' ? { redis, nameSpace: rateLimitKeyNamespace } : { cache: 10_000 }),
  });
  const countRequest = app.createRateLimit();

  const metrics = options.registry ? registerMetrics(options.registry, rateLimitMetrics) : undefined;
  const { circuit } = options;
  const guarded = async <T>(count: () => Promise<T>): Promise<T> => {
    if (settings.store !== 'redis' || !circuit) return count();
    const result = await circuit.run(count);
    if (!result.ok) throw result.error ?? new Error(`Redis circuit ${result.reason}`);
    return result.value;
  };
  const outage = new StoreOutageLog(settings.store);
  const counted = new WeakSet<FastifyRequest>();

  app.decorate(userRateCheckKey, async (request: FastifyRequest, reply: FastifyReply) => {
    // No verified user, nobody to charge: an anonymous request (a public route) or a token that
    // failed verification never uses up anyone's budget, whatever its unverified `sub` says.
    if (!(request.user as AuthenticatedUser | null) || counted.has(request)) return;
    counted.add(request);

    let outcome: Awaited<ReturnType<typeof countRequest>>;
    try {
      outcome = await guarded(() => countRequest(request));
    } catch (error) {
      metrics?.storeFailures.inc();
      outage.failed(error, request.log);
      return; // fail open
    }
    outage.recovered(request.log);
    if (outcome.isAllowed) return;

    const resetSeconds = Math.max(1, outcome.ttlInSeconds);
    reply
      .header('x-ratelimit-limit', outcome.max)
      .header('x-ratelimit-remaining', outcome.remaining)
      .header('x-ratelimit-reset', resetSeconds);
    if (outcome.isExceeded) {
      metrics?.refused.inc();
      // The error handler answers 429 RATE_LIMITED and sets Retry-After from retryAfterSeconds.
      throw new TicketingError(
        'RATE_LIMITED',
        `Too many requests: at most ${outcome.max} per ${Math.ceil(outcome.timeWindow / 1000)} s. Retry in ${resetSeconds} s.`,
        { details: { retryAfterSeconds: resetSeconds } },
      );
    }
  });
}

/**
 * Route hook charging the request to its user's rate-limit budget; beyond the budget it answers
 * 429 RATE_LIMITED with `Retry-After`. It must run after `requireUser`, whose verified user id is
 * the key (never a header a client could pick): list it after the guard in the same hook, or put
 * it in a later one. A request without a verified user passes uncounted.
 *
 * As `onRequest`, a refused request costs no body parsing or validation.
 *
 * Fails closed: on a server where {@link installRateLimit} never ran it answers 500.
 *
 * @example
 * app.get('/v1/reservations/:id', { onRequest: [requireUser, perUserRateLimit] }, handler);
 * app.post('/v1/notes', { preHandler: [requireUser, perUserRateLimit] }, handler);
 */
export async function perUserRateLimit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const check = request.server[userRateCheckKey];
  if (!check) throw new TicketingError('INTERNAL', 'Rate limiting is not installed on this server.');
  await check(request, reply);
}

/**
 * Logs a store outage when it begins, again at most once a minute while it lasts (with the count
 * of unlimited requests), and when it ends: enough to alert on, without a line per request.
 */
class StoreOutageLog {
  private since: number | undefined;
  private lastLoggedAt = 0;
  private skipped = 0;

  constructor(private readonly store: RateLimitSettings['store']) {}

  failed(error: unknown, log: FastifyBaseLogger): void {
    const now = Date.now();
    this.skipped += 1;
    if (this.since === undefined) {
      this.since = now;
    } else if (now - this.lastLoggedAt < outageLogIntervalMs) {
      return;
    }
    this.lastLoggedAt = now;
    log.error(
      { err: error, store: this.store, skippedChecks: this.skipped, outageMs: now - this.since },
      'rate-limit store failing; letting requests through unlimited',
    );
  }

  recovered(log: FastifyBaseLogger): void {
    if (this.since === undefined) return;
    log.warn(
      { store: this.store, skippedChecks: this.skipped, outageMs: Date.now() - this.since },
      'rate-limit store answering again; rate limiting resumed',
    );
    this.since = undefined;
    this.skipped = 0;
  }
}
