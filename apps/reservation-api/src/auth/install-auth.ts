import fastifyJwt, { type FastifyJWTOptions, type TokenOrHeader } from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthConfig } from '@ticketing/reservation-api-config';
import { authenticatedUserFrom, type AuthenticatedUser } from './authenticated-user';
import { createJwksKeySource, type TokenHeader } from '@ticketing/service-identity';
import { tokenRejection } from '@ticketing/service-identity';

/** What the guards need at request time; stored on the Fastify instance by {@link installAuth}. */
export interface AuthRuntime {
  /** Verifies the request's bearer token once per request and returns its caller. */
  authenticate(request: FastifyRequest): Promise<AuthenticatedUser>;
}

/** Where {@link installAuth} keeps the {@link AuthRuntime}; a symbol so no route can shadow it. */
export const authRuntimeKey: unique symbol = Symbol('ticketing.auth');

declare module 'fastify' {
  interface FastifyInstance {
    [authRuntimeKey]?: AuthRuntime;
  }
}

/**
 * Claims every token must carry. fast-jwt skips its `iss`/`aud` checks when the claim is absent,
 * so requiring them is what makes `allowedIss`/`allowedAud` binding.
 */
const requiredClaims = ['sub', 'exp', 'iss', 'aud'];

/**
 * Installs bearer-token verification on `app` (call it on the root instance, before routes):
 * registers @fastify/jwt for the configured mode and makes `requireUser`
 * usable on every route. Nothing is enforced until a route uses one of those guards.
 *
 * - jwks: RS/ES/PS tokens, keys from the issuer's JWKS (see {@link createJwksKeySource}).
 * - dev-hs256: HS256 tokens signed with the dev secret (`npm run dev-token`); nothing else.
 *
 * Both check `iss`, `aud`, `exp`, `nbf` (with the configured clock tolerance) and require `sub`.
 *
 * @example
 * await installAuth(app, config.auth);
 * app.post('/v1/reservations', { onRequest: requireUser }, async (request) => request.user.userId);
 */
export async function installAuth(app: FastifyInstance, config: AuthConfig): Promise<void> {
  const verify = {
    allowedIss: config.issuer,
    allowedAud: config.audience,
    clockTolerance: config.clockToleranceSeconds * 1000, // fast-jwt counts milliseconds
    requiredClaims,
  };
  let options: FastifyJWTOptions;
  if (config.mode === 'jwks') {
    const keyFor = createJwksKeySource({
      jwksUrl: config.jwksUrl,
      algorithms: config.algorithms,
      cacheTtlMs: config.jwksCacheTtlMs,
      logger: app.log,
    });
    options = {
      // `complete` hands the secret function the header, where alg and kid are.
      decode: { complete: true },
      secret: (_request: FastifyRequest, token: TokenOrHeader) =>
        keyFor(('header' in token ? token.header : token) as TokenHeader),
      verify: { ...verify, algorithms: [...config.algorithms] },
    };
  } else {
    app.log.warn(
      'AUTH_MODE=dev-hs256: accepting HS256 tokens signed with the local dev secret; never use this mode when deployed',
    );
    options = { secret: config.devSecret, verify: { ...verify, algorithms: ['HS256'] } };
  }
  // The raw claims go to `request.jwtClaims`; `request.user` is only ever the validated caller.
  await app.register(fastifyJwt, { ...options, decoratorName: 'jwtClaims' });
  // null until a guard verified the token (the overload taking dependencies is the one typed for null).
  app.decorateRequest('user', null, []);

  const runtime: AuthRuntime = {
    async authenticate(request) {
      if (request.user) return request.user;
      let claims: unknown;
      try {
        claims = await request.jwtVerify();
      } catch (error) {
        throw tokenRejection(error);
      }
      request.user = authenticatedUserFrom(claims);
      return request.user;
    },
  };
  app.decorate(authRuntimeKey, runtime);
}
