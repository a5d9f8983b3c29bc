import { TicketingError } from '@ticketing/errors';
import { createVerifier } from 'fast-jwt';
import type { JwksAlgorithm } from './jwks-algorithms';
import { createJwksKeySource, type TokenHeader } from './jwks-key-source';
import { tokenRejection } from './token-rejection';

/** The service behind a verified token. */
export interface ServiceCaller {
  /**
   * The token's `sub`: for a Kubernetes projected ServiceAccount token
   * `system:serviceaccount:<namespace>:<name>`.
   */
  readonly serviceAccount: string;
}

/** What a {@link createServiceTokenVerifier} checks tokens against (configuration: plain data). */
export interface ServiceTokenVerifierSettings {
  /** Exact `iss` (the cluster's OIDC issuer). */
  readonly issuer: string;
  /** The issuer's key set; never taken from the token. */
  readonly jwksUrl: string;
  /** The `aud` this service requires: a token minted for another service is refused. */
  readonly audience: string;
  readonly algorithms: readonly JwksAlgorithm[];
  readonly clockToleranceSeconds: number;
  /** How long a fetched key is trusted before the key set is asked again. */
  readonly jwksCacheTtlMs: number;
}

/** Verifies one bearer token; resolves with its caller or rejects with a TicketingError. */
export type ServiceTokenVerifier = (token: string) => Promise<ServiceCaller>;

/** Verified tokens remembered, so a caller's every call does not pay for a signature check. */
const verifiedTokenCacheSize = 1_000;
/** …for at most this long (and never past their expiry), so a withdrawn key stops working soon. */
const verifiedTokenCacheTtlMs = 60_000;

/**
 * Checks service tokens (Kubernetes projected ServiceAccount tokens, or any issuer's JWTs of that
 * shape): the signature against the issuer's JWKS (keys fetched as {@link createJwksKeySource}
 * describes), `iss`, `aud`, `exp` and `nbf` with the clock tolerance, and a `sub`. `alg: none`,
 * HMAC and any algorithm not configured are refused before a key is looked up.
 *
 * A bad token is UNAUTHENTICATED with a message saying what was wrong; an issuer whose keys cannot
 * be fetched (and no recently confirmed key) is UPSTREAM_UNAVAILABLE, with a warning to `logger`.
 */
export function createServiceTokenVerifier(
  options: ServiceTokenVerifierSettings,
  logger?: { warn(fields: object, message: string): void },
): ServiceTokenVerifier {
  const keyFor = createJwksKeySource({
    jwksUrl: options.jwksUrl,
    algorithms: options.algorithms,
    cacheTtlMs: options.jwksCacheTtlMs,
    ...(logger ? { logger } : {}),
  });
  const verify = createVerifier({
    key: async (decoded: { readonly header: unknown }) => keyFor(decoded.header as TokenHeader),
    algorithms: [...options.algorithms],
    allowedIss: options.issuer,
    allowedAud: options.audience,
    // fast-jwt skips its iss/aud checks when the claim is absent: requiring them makes them binding.
    requiredClaims: ['sub', 'exp', 'iss', 'aud'],
    clockTolerance: options.clockToleranceSeconds * 1000,
    cache: verifiedTokenCacheSize,
    cacheTTL: verifiedTokenCacheTtlMs,
  });
  return async (token) => {
    let claims: unknown;
    try {
      claims = await verify(token);
    } catch (error) {
      throw tokenRejection(keyLookupFailure(error) ?? error);
    }
    const subject = (claims as { sub?: unknown }).sub;
    if (typeof subject !== 'string' || subject === '') {
      throw new TicketingError('UNAUTHENTICATED', 'The token names no service account (sub).');
    }
    return { serviceAccount: subject };
  };
}

/** fast-jwt wraps what the key lookup threw; our own answer (unknown kid, issuer down) is the one to give. */
function keyLookupFailure(error: unknown): TicketingError | undefined {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  return original instanceof TicketingError ? original : undefined;
}
