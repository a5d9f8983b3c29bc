import { defineConfigPiece, loadConfig } from '@ticketing/config';
import Type from 'typebox';

/**
 * Settings of `npm run dev-token`. They mirror what the locally run reservation API expects in
 * `AUTH_MODE=dev-hs256`: its `JWT_AUDIENCE`, its `JWT_ISSUER` (`ticketing-dev` unless set) and the
 * shared secret, which defaults to the one generated under `LOCAL_INFRA_DIR`.
 */
export const devTokenConfigPieces = {
  devToken: defineConfigPiece(
    {
      JWT_DEV_SECRET: Type.Optional(
        Type.String({
          minLength: 32,
          description: 'HS256 secret; defaults to the jwt-dev-secret file in LOCAL_INFRA_DIR, generated once',
        }),
      ),
      JWT_AUDIENCE: Type.String({ minLength: 1, default: 'ticketing-api', description: 'aud claim of minted tokens' }),
      JWT_ISSUER: Type.String({ minLength: 1, default: 'ticketing-dev', description: 'iss claim of minted tokens' }),
      LOCAL_INFRA_DIR: Type.String({ default: '.local/run', description: 'where tools/dev keeps its state' }),
    },
    (env) => ({
      devSecret: env.JWT_DEV_SECRET,
      audience: env.JWT_AUDIENCE,
      issuer: env.JWT_ISSUER,
      stateDir: env.LOCAL_INFRA_DIR,
    }),
  ),
};

/** Reads the dev-token settings from the environment. */
export function loadDevTokenConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(devTokenConfigPieces, env).devToken;
}
