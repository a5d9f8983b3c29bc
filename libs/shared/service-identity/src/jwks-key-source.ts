import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { TicketingError } from '@ticketing/errors';
import buildGetJwks from 'get-jwks';
import type { JwksAlgorithm } from './jwks-algorithms';

/** What the key source needs from the auth configuration. */
export interface JwksKeySourceOptions {
  readonly jwksUrl: string;
  readonly algorithms: readonly JwksAlgorithm[];
  readonly cacheTtlMs: number;
  /** Upper bound for one key-set fetch; a hanging issuer must not hang requests. */
  readonly fetchTimeoutMs?: number;
  /** Receives a warning when the key set cannot be fetched (Fastify's logger fits). */
  readonly logger?: { warn(fields: object, message: string): void };
}

/** The decoded JWS header, as far as choosing a key needs it. */
export interface TokenHeader {
  readonly alg?: unknown;
  readonly kid?: unknown;
}

/** Returns the PEM public key a token claims to be signed with, or throws a TicketingError. */
export type JwksKeySource = (header: TokenHeader) => Promise<string>;

const keyTypeByAlgorithmFamily: Readonly<Record<string, string>> = { RS: 'RSA', PS: 'RSA', ES: 'EC' };
const maxKidLength = 256;

/**
 * Looks signing keys up in the issuer's JWKS through get-jwks, which caches each key by
 * (alg, kid) for `cacheTtlMs` and fetches the set again for a kid it has not seen: that refetch is
 * what makes key rotation work without a restart. Always the configured URL is fetched, never one
 * taken from the token (`iss`, `jku`, `x5u`), so a token cannot choose the keys it is checked with.
 *
 * Anyone can trigger that refetch with a made-up kid: one key-set request per such token (get-jwks
 * shares one fetch among concurrent requests for the same kid), and only after the algorithm and
 * kid passed the cheap checks below. A cooldown was rejected: get-jwks caches single keys, not the
 * set, so a cooldown would let one bogus token every few seconds block the first use of a rotated
 * key. Unauthenticated request rates are the edge's job (load balancer / WAF).
 *
 * When a refetch fails because the issuer is unreachable, a key confirmed within the last
 * 2 × `cacheTtlMs` keeps verifying (an outage must not log everyone out); after that, or for a kid
 * never seen, the answer is 503 UPSTREAM_UNAVAILABLE. When the issuer answers but no longer
 * publishes the key, it is refused from then on, so withdrawing a leaked key revokes it within one
 * `cacheTtlMs`.
 *
 * ```
 * kid ─▶ cached < TTL ──────────────────────────────────▶ key
 *     └▶ otherwise: fetch JWKS ─▶ published ────────────▶ key (confirmed now)
 *                              ├▶ not published ─────────▶ 401, forgotten
 *                              └▶ unreachable ─▶ confirmed < 2 × TTL ago ─▶ key
 *                                              └▶ otherwise ─────────────▶ 503
 * ```
 */
export function createJwksKeySource(options: JwksKeySourceOptions): JwksKeySource {
  const url = new URL(options.jwksUrl);
  const domain = `${url.origin}/`;
  const getJwks = buildGetJwks({
    ttl: options.cacheTtlMs,
    // get-jwks appends this to `domain`, which is how a JWKS URL outside /.well-known is reached.
    jwksPath: `${url.pathname}${url.search}`.slice(1),
    issuersWhitelist: [domain],
  });
  const fetchTimeoutMs = options.fetchTimeoutMs ?? 5_000;
  const confirmed = new Map<string, { readonly jwk: Record<string, unknown>; readonly at: number }>();
  const pemByJwk = new WeakMap<object, string>();

  async function publishedJwk(alg: string, kid: string): Promise<Record<string, unknown>> {
    const cacheKey = getJwks.generateCacheKey(alg, kid, domain);
    // get-jwks answers a failed refetch with its "stale" copy, also when the issuer no longer
    // publishes the key, and each such answer re-arms the copy: under steady traffic a withdrawn
    // key would be trusted forever. Expiring the entry now and dropping the copy leaves get-jwks
    // only its fresh cache and the network; the outage fallback is the bounded one below.
    getJwks.cache.get(cacheKey);
    getJwks.staleCache.delete(cacheKey);
    try {
      const jwk = await withTimeout(getJwks.getJwk({ domain, alg, kid }), fetchTimeoutMs);
      if (confirmed.get(cacheKey)?.jwk !== jwk) confirmed.set(cacheKey, { jwk, at: Date.now() });
      return jwk;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'JWK_NOT_FOUND') {
        confirmed.delete(cacheKey);
        throw new TicketingError('UNAUTHENTICATED', "The token's signing key (kid) is not published by the trusted issuer.");
      }
      const last = confirmed.get(cacheKey);
      const usable = last !== undefined && Date.now() - last.at < 2 * options.cacheTtlMs;
      options.logger?.warn({ err: error, kid, jwks_url: options.jwksUrl, using_last_confirmed_key: usable }, 'JWKS fetch failed');
      if (usable) return last.jwk;
      throw new TicketingError('UPSTREAM_UNAVAILABLE', "The token issuer's signing keys cannot be fetched right now.", {
        cause: error,
      });
    }
  }

  return async (header) => {
    const { alg, kid } = header;
    if (typeof alg !== 'string' || !(options.algorithms as readonly string[]).includes(alg)) {
      // Checked before any key lookup: `none`, HS256 and friends never reach the key set.
      throw new TicketingError('UNAUTHENTICATED', 'The token is signed with an algorithm this API does not accept.');
    }
    if (typeof kid !== 'string' || kid === '' || kid.length > maxKidLength) {
      throw new TicketingError('UNAUTHENTICATED', 'The token names no signing key (kid header).');
    }
    return publicKeyPem(await publishedJwk(alg, kid), alg, pemByJwk);
  };
}

/**
 * Converts a published JWK to the PEM fast-jwt verifies with, refusing keys that do not fit the
 * token's algorithm family or are not meant for signatures; fast-jwt checks the pairing again.
 */
function publicKeyPem(jwk: Record<string, unknown>, alg: string, cache: WeakMap<object, string>): string {
  const cached = cache.get(jwk);
  if (cached) return cached;
  if (jwk['kty'] !== keyTypeByAlgorithmFamily[alg.slice(0, 2)] || (jwk['use'] !== undefined && jwk['use'] !== 'sig')) {
    throw new TicketingError('UNAUTHENTICATED', "The token's signing key does not match its algorithm.");
  }
  let pem: string;
  try {
    pem = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
  } catch (error) {
    throw new TicketingError('UNAUTHENTICATED', "The token's signing key is not a usable public key.", { cause: error });
  }
  cache.set(jwk, pem);
  return pem;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  // get-jwks' own `timeout` fetch option is not honoured by Node's fetch, so bound the wait here.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`JWKS fetch took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
