import { choiceVariable, ConfigRuleViolation, millisecondsVariable, urlVariable } from '@ticketing/config';
import Type, { type Static } from 'typebox';
import { parseJwksAlgorithms } from './jwks-algorithms';
import type { ServiceTokenVerifierSettings } from './service-token-verifier';
import { assertTrustworthyUrl } from './trusted-url';

/** The one switch for local development and tests; no deployed environment sets it. */
export const localModeVariable = 'SERVICE_AUTH_LOCAL_MODE';

/**
 * The environment variables with which a service verifies the services that call it. Spread them
 * into the service's own config piece (which adds its callers and its static-token fallback) and
 * read them with {@link readServiceTokenSettings}.
 */
export function serviceTokenVariables(defaultAudience: string) {
  return {
    SERVICE_AUTH_MODE: choiceVariable(
      ['service-account', 'static-token'],
      'service-account',
      "how calling services prove who they are: Kubernetes service-account tokens checked against the issuer's JWKS, or the static-token fallback",
    ),
    [localModeVariable]: Type.Boolean({
      default: false,
      description:
        'local development and tests only, logged as a warning at startup: trusts a token issuer on a loopback host, and in static-token mode admits callers without a token when none is configured',
    }),
    SERVICE_TOKEN_ISSUER: Type.Optional(
      Type.String({
        minLength: 1,
        description: "exact iss of service tokens: the cluster's OIDC issuer (on EKS https://oidc.eks.<region>.amazonaws.com/id/<id>); required in service-account mode",
      }),
    ),
    SERVICE_TOKEN_JWKS_URL: Type.Optional(
      urlVariable("the issuer's key set (on EKS the issuer + /keys); required in service-account mode"),
    ),
    SERVICE_TOKEN_AUDIENCE: Type.String({
      minLength: 1,
      default: defaultAudience,
      description: "aud a caller's token must carry: the audience of the projected token its pod mounts for this service",
    }),
    SERVICE_TOKEN_ALGORITHMS: Type.String({
      pattern: '^[A-Za-z0-9]+(\\s*,\\s*[A-Za-z0-9]+)*$',
      default: 'RS256,ES256',
      description: 'comma-separated signature algorithms accepted for service tokens (RSxxx, ESxxx, PSxxx only)',
    }),
    SERVICE_TOKEN_CLOCK_TOLERANCE_SECONDS: Type.Integer({
      minimum: 0,
      maximum: 300,
      default: 30,
      description: 'clock skew allowed when checking exp and nbf of service tokens',
    }),
    SERVICE_TOKEN_JWKS_CACHE_TTL_MS: millisecondsVariable(
      600_000,
      86_400_000,
      "how long a service-token signing key is trusted before the issuer's key set is fetched again",
    ),
  };
}

type ServiceTokenEnv = Static<ReturnType<typeof Type.Object<ReturnType<typeof serviceTokenVariables>>>>;

/** How a service verifies its callers, as {@link readServiceTokenSettings} reads it. */
export type ServiceTokenSettings =
  | { readonly mode: 'service-account'; readonly local: boolean; readonly verifier: ServiceTokenVerifierSettings }
  | { readonly mode: 'static-token'; readonly local: boolean };

/**
 * Validates the variables of {@link serviceTokenVariables}. In service-account mode the issuer and
 * its key set are required and must be https URLs on a real host (a loopback issuer only in local
 * mode): a service without them refuses to start rather than admit anyone.
 */
export function readServiceTokenSettings(env: ServiceTokenEnv): ServiceTokenSettings {
  const local = env.SERVICE_AUTH_LOCAL_MODE;
  if (env.SERVICE_AUTH_MODE === 'static-token') return { mode: 'static-token', local };
  const issuer = requiredSetting('SERVICE_TOKEN_ISSUER', env.SERVICE_TOKEN_ISSUER);
  const jwksUrl = requiredSetting('SERVICE_TOKEN_JWKS_URL', env.SERVICE_TOKEN_JWKS_URL);
  const localFlag = { allowed: local, flag: localModeVariable };
  assertTrustworthyUrl('SERVICE_TOKEN_ISSUER', issuer, localFlag);
  assertTrustworthyUrl('SERVICE_TOKEN_JWKS_URL', jwksUrl, localFlag);
  return {
    mode: 'service-account',
    local,
    verifier: {
      issuer,
      jwksUrl,
      audience: env.SERVICE_TOKEN_AUDIENCE,
      algorithms: parseJwksAlgorithms('SERVICE_TOKEN_ALGORITHMS', env.SERVICE_TOKEN_ALGORITHMS),
      clockToleranceSeconds: env.SERVICE_TOKEN_CLOCK_TOLERANCE_SECONDS,
      jwksCacheTtlMs: env.SERVICE_TOKEN_JWKS_CACHE_TTL_MS,
    },
  };
}

function requiredSetting(variable: string, value: string | undefined): string {
  if (value) return value;
  throw new ConfigRuleViolation(
    variable,
    'is required: calling services are authenticated with service-account tokens by default ' +
      `(for local development, tools/dev runs an issuer; ${localModeVariable}=true with SERVICE_AUTH_MODE=static-token is the unauthenticated fallback)`,
  );
}

/** A comma-separated list of service accounts (`system:serviceaccount:<namespace>:<name>`); no default when `defaultAccounts` is undefined. */
export function serviceAccountListVariable(defaultAccounts: string | undefined, description: string) {
  const pattern = '^[^\\s,]+(\\s*,\\s*[^\\s,]+)*$';
  return Type.String(defaultAccounts === undefined ? { pattern, description } : { pattern, default: defaultAccounts, description });
}

/** Splits a {@link serviceAccountListVariable} value. */
export function serviceAccountList(value: string): string[] {
  return value.split(',').map((account) => account.trim()).filter((account) => account !== '');
}
