import { ConfigRuleViolation } from '@ticketing/config';

/** Asymmetric algorithms a JWKS can publish keys for (get-jwks converts RSA and EC keys only). */
export const jwksAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

/** One of {@link jwksAlgorithms}. */
export type JwksAlgorithm = (typeof jwksAlgorithms)[number];

/**
 * Reads a comma-separated list of signature algorithms for verification against a JWKS, refusing
 * HMAC (`HS*`) and anything else get-jwks cannot hand a public key for; `variable` names the setting
 * in the error, `hmacRefusal` says where a shared-secret algorithm belongs instead.
 */
export function parseJwksAlgorithms(
  variable: string,
  list: string,
  hmacRefusal = 'is a shared-secret algorithm; tokens checked against a JWKS need RS*, ES* or PS*',
): JwksAlgorithm[] {
  const algorithms = [...new Set(list.split(',').map((name) => name.trim().toUpperCase()))];
  for (const algorithm of algorithms) {
    if (algorithm.startsWith('HS')) {
      // An HMAC algorithm next to public keys is the classic key-confusion hole: the public key
      // would become the shared secret.
      throw new ConfigRuleViolation(variable, `${algorithm} ${hmacRefusal}`);
    }
    if (!(jwksAlgorithms as readonly string[]).includes(algorithm)) {
      throw new ConfigRuleViolation(variable, `${algorithm} is not supported; use ${jwksAlgorithms.join(', ')}`);
    }
  }
  return algorithms as JwksAlgorithm[];
}
