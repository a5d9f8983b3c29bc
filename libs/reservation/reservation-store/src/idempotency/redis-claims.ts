import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { ClaimStore, Claim, HeldClaim } from './claim-store';
import type { IdempotencyStore } from './idempotency.store';
import type { IdempotencyClaimRequest } from './idempotency.types';

/** Settings of {@link RedisClaims}. */
export interface RedisClaimsOptions {
  /** How long a claim is exclusive (the same lease as the table's claims). */
  readonly leaseMs: number;
  /** How long the "completed" marker lives (the records' lifetime). */
  readonly ttlMs: number;
  /**
   * Runs each Redis call, or answers `ok: false` at once when Redis is known to be down (a circuit
   * breaker's `run`); without it every call tries Redis.
   */
  readonly guard?: <T>(call: () => Promise<T>) => Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false }>;
}

/** Redis did not answer (or is known to be down): the claim falls back to the table. */
class RedisUnavailable extends Error {}

/**
 * SET NX the in-flight value with the lease; when the key exists, its value and remaining life.
 * KEYS[1]: the claim key. ARGV[1]: the value, ARGV[2]: the lease in ms.
 */
const claimScript = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end
return {0, redis.call('GET', KEYS[1]) or '', redis.call('PTTL', KEYS[1])}
`;

/** DEL the key only while it still holds this claimant's value. KEYS[1]: the key, ARGV[1]: the value. */
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Claims of one attempt: a takeover after the lease is one more round. */
const claimRounds = 3;

type RedisConnection = Redis | Cluster;

/**
 * Idempotency-Key claims kept in Redis, so a request that ends without writing — an on-sale
 * burst's refused holds — costs the idempotency table nothing: claim (SET NX with the lease),
 * work, release (DEL). The table stays the truth for outcomes: a request that writes stores its
 * answer with a conditional Put in its own transaction ({@link IdempotencyStore.completedPutWrite}),
 * which a live record — an earlier completion, a claim written there while Redis was away —
 * cancels; a final refusal is stored the same way. After a completion, a marker (`done`) lets
 * duplicates find the stored answer with one read.
 *
 * Redis failing (down, slow past its command timeout, or its circuit open: `guard`) is not an
 * error: the claim falls back to the table (`fallback`), and a claim made there completes there. If Redis loses its keys, a duplicate
 * of a completed request claims afresh, and its completion Put — cancelled by the stored record —
 * turns into the replay (see runIdempotently); only a duplicate whose work is refused without
 * writing (its seats taken since) answers that refusal instead of the replay.
 *
 * Values: `run:<token>:<request hash>` while a request runs, `done:<request hash>` after; keys
 * `idem:{<user>}:<key>` (one Cluster slot per user).
 */
export class RedisClaims implements ClaimStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly table: IdempotencyStore,
    private readonly fallback: ClaimStore,
    private readonly options: RedisClaimsOptions,
  ) {}

  async claim(request: IdempotencyClaimRequest): Promise<Claim> {
    try {
      return await this.claimInRedis(request);
    } catch (error) {
      if (!(error instanceof RedisUnavailable)) throw error;
      return this.fallback.claim(request);
    }
  }

  /** One Redis call through the guard; RedisUnavailable when it did not answer. */
  private async redisCall<T>(call: () => Promise<T>): Promise<T> {
    if (!this.options.guard) {
      try {
        return await call();
      } catch (error) {
        throw new RedisUnavailable('redis failed', { cause: error });
      }
    }
    const result = await this.options.guard(call);
    if (!result.ok) throw new RedisUnavailable('redis unavailable');
    return result.value;
  }

  private async claimInRedis(request: IdempotencyClaimRequest): Promise<Claim> {
    const key = `idem:{${request.userId}}:${request.key}`;
    const running = `run:${randomUUID()}:${request.requestHash}`;
    for (let round = 1; round <= claimRounds; round += 1) {
      const [claimed, existing = '', pttl = 0] = (await this.redisCall(() =>
        this.redis.eval(claimScript, 1, key, running, this.options.leaseMs),
      )) as [number, string?, number?];
      if (claimed === 1) return { outcome: 'claimed', held: this.held(key, running, request) };
      const [state, ...rest] = existing.split(':');
      const hash = rest.at(-1);
      if (state === 'run') {
        if (hash !== request.requestHash) return { outcome: 'conflict' };
        return { outcome: 'in-flight', retryAfterSeconds: Math.max(1, Math.ceil(pttl / 1000)) };
      }
      if (state === 'done') {
        const stored = await this.table.lookup(request);
        if (stored) return stored;
        // The record expired before the marker: the key is free again.
        await this.redisCall(() => this.redis.eval(releaseScript, 1, key, existing));
      }
      // Gone between the SET and the GET (released, expired): try again.
    }
    return this.fallback.claim(request);
  }

  private held(key: string, running: string, request: IdempotencyClaimRequest): HeldClaim {
    const unclaimed = { userId: request.userId, key: request.key, requestHash: request.requestHash };
    return {
      completionWrite: (response, now) => this.table.completedPutWrite({ ...unclaimed, response, now }),
      complete: (response, now) => this.table.storeCompleted({ ...unclaimed, response, now }),
      release: async () => {
        await this.redisCall(() => this.redis.eval(releaseScript, 1, key, running)).catch(() => undefined);
      },
      settled: async () => {
        await this.redisCall(() => this.redis.set(key, `done:${request.requestHash}`, 'PX', this.options.ttlMs)).catch(() => undefined);
      },
    };
  }
}
