import { choiceVariable, ConfigRuleViolation, defineConfigPiece, millisecondsVariable, urlVariable } from '@ticketing/config';
import { assertTrustworthyUrl, parseJwksAlgorithms, type JwksAlgorithm } from '@ticketing/service-identity';
import Type from 'typebox';

/** Issuer the dev-token tool (`npm run dev-token`) writes into its tokens; dev mode expects it by default. */
export const devTokenIssuer = 'ticketing-dev';

/** Settings shared by both modes. */
interface CommonAuthConfig {
  /** Exact `iss` every token must carry. */
  readonly issuer: string;
  /** `aud` every token must carry (one of its values, when it is an array). */
  readonly audience: string;
  readonly clockToleranceSeconds: number;
}

/** Production: RS/ES/PS tokens checked against the issuer's published key set. */
export interface JwksAuthConfig extends CommonAuthConfig {
  readonly mode: 'jwks';
  readonly jwksUrl: string;
  readonly algorithms: readonly JwksAlgorithm[];
  readonly jwksCacheTtlMs: number;
}

/** Local development: HS256 tokens minted by `npm run dev-token` with a shared secret. */
export interface DevHs256AuthConfig extends CommonAuthConfig {
  readonly mode: 'dev-hs256';
  readonly devSecret: string;
}

/** How the API authenticates callers; {@link authConfig} builds it from the environment. */
export type AuthConfig = JwksAuthConfig | DevHs256AuthConfig;

/**
 * Authentication settings of the reservation API.
 *
 * `AUTH_MODE=jwks` (the default, and the only mode for deployed environments) verifies
 * asymmetric tokens against the issuer's JWKS. `AUTH_MODE=dev-hs256` accepts HS256 tokens signed
 * with `JWT_DEV_SECRET` so a laptop needs no identity provider; the secret is refused in jwks mode
 * so a shared secret can never sit next to a production key set.
 *
 * "Running locally" is never guessed: an issuer or JWKS URL on a loopback host is refused unless
 * `AUTH_ALLOW_INSECURE_ISSUER=true` says so explicitly, and plain http is accepted only for such a
 * loopback URL. A deployed chart must never set that flag.
 */
export const authConfig = defineConfigPiece(
  {
    AUTH_MODE: choiceVariable(
      ['jwks', 'dev-hs256'],
      'jwks',
      "how bearer tokens are verified: the issuer's JWKS, or the local HS256 dev secret",
    ),
    JWT_ISSUER: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          `exact iss claim expected (an https URL); required when AUTH_MODE is jwks, ` +
          `\`${devTokenIssuer}\` by default in dev-hs256 mode`,
      }),
    ),
    JWT_AUDIENCE: Type.String({ minLength: 1, description: 'aud claim every token must carry' }),
    JWT_JWKS_URL: Type.Optional(urlVariable("the issuer's key set; defaults to JWT_ISSUER + /.well-known/jwks.json")),
    JWT_ALGORITHMS: Type.String({
      pattern: '^[A-Za-z0-9]+(\\s*,\\s*[A-Za-z0-9]+)*$',
      default: 'RS256,ES256',
      description: 'comma-separated signature algorithms accepted in jwks mode (RSxxx, ESxxx, PSxxx only)',
    }),
    JWT_CLOCK_TOLERANCE_SECONDS: Type.Integer({
      minimum: 0,
      maximum: 300,
      default: 30,
      description: 'clock skew allowed when checking exp and nbf',
    }),
    JWKS_CACHE_TTL_MS: millisecondsVariable(
      600_000,
      86_400_000,
      'how long a fetched signing key is trusted before it is fetched again',
    ),
    JWT_DEV_SECRET: Type.Optional(
      Type.String({ minLength: 32, description: 'HS256 secret of dev-hs256 mode, at least 32 characters; refused in jwks mode' }),
    ),
    AUTH_ALLOW_INSECURE_ISSUER: Type.Boolean({
      default: false,
      description: 'accept an issuer or JWKS URL on a loopback host (http allowed there); local development only',
    }),
  },
  (env): AuthConfig => {
    const common = {
      audience: env.JWT_AUDIENCE,
      clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
    };
    if (env.AUTH_MODE === 'dev-hs256') {
      if (!env.JWT_DEV_SECRET) {
        throw new ConfigRuleViolation(
          'JWT_DEV_SECRET',
          'is required when AUTH_MODE is dev-hs256 (npm run dev-token generates one)',
        );
      }
      return { ...common, mode: 'dev-hs256', issuer: env.JWT_ISSUER ?? devTokenIssuer, devSecret: env.JWT_DEV_SECRET };
    }

    if (env.JWT_DEV_SECRET) {
      throw new ConfigRuleViolation(
        'JWT_DEV_SECRET',
        'must not be set when AUTH_MODE is jwks; shared secrets are for dev-hs256 only',
      );
    }
    if (!env.JWT_ISSUER) throw new ConfigRuleViolation('JWT_ISSUER', 'is required when AUTH_MODE is jwks');
    const insecureIssuer = { allowed: env.AUTH_ALLOW_INSECURE_ISSUER, flag: 'AUTH_ALLOW_INSECURE_ISSUER' };
    assertTrustworthyUrl('JWT_ISSUER', env.JWT_ISSUER, insecureIssuer);
    const jwksUrl = env.JWT_JWKS_URL ?? `${env.JWT_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`;
    assertTrustworthyUrl('JWT_JWKS_URL', jwksUrl, insecureIssuer);
    if (new URL(jwksUrl).pathname === '/') {
      throw new ConfigRuleViolation('JWT_JWKS_URL', 'must include the path of the key set, e.g. /.well-known/jwks.json');
    }
    return {
      ...common,
      mode: 'jwks',
      issuer: env.JWT_ISSUER,
      jwksUrl,
      algorithms: parseJwksAlgorithms('JWT_ALGORITHMS', env.JWT_ALGORITHMS, 'is only accepted in dev-hs256 mode; jwks mode needs RS*, ES* or PS*'),
      jwksCacheTtlMs: env.JWKS_CACHE_TTL_MS,
    };
  },
);
