import { ConfigError, configReference, loadConfig } from '@ticketing/config';
import { describe, expect, it } from 'vitest';
import { authConfig } from '../src/auth/index';

const issuer = 'https://login.example.com/tenant-1';
const jwksEnv = { JWT_ISSUER: issuer, JWT_AUDIENCE: 'ticketing-api' };
const devSecret = 'a-dev-secret-that-is-long-enough-0123456789';

function load(env: Record<string, string>) {
  return loadConfig({ auth: authConfig }, env).auth;
}

/** The variables a failed load complains about. */
function rejectedVariables(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.variable);
    throw error;
  }
  return [];
}

function rejection(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '(accepted)';
}

describe('auth configuration', () => {
  it('defaults to jwks mode with the issuer-relative key set, RS256/ES256, 30 s tolerance and a 10 min cache', () => {
    expect(load(jwksEnv)).toEqual({
      mode: 'jwks',
      issuer,
      audience: 'ticketing-api',
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 30,
      jwksCacheTtlMs: 600_000,
    });
    expect(load({ ...jwksEnv, JWT_ISSUER: `${issuer}/` })).toMatchObject({
      issuer: `${issuer}/`,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
    });
  });

  it('takes explicit values, normalising the algorithm list', () => {
    expect(
      load({
        ...jwksEnv,
        JWT_JWKS_URL: 'https://keys.example.com/v1/keys?tenant=1',
        JWT_ALGORITHMS: 'rs256, PS384,ES512,RS256',
        JWT_CLOCK_TOLERANCE_SECONDS: '5',
        JWKS_CACHE_TTL_MS: '60000',
      }),
    ).toMatchObject({
      jwksUrl: 'https://keys.example.com/v1/keys?tenant=1',
      algorithms: ['RS256', 'PS384', 'ES512'],
      clockToleranceSeconds: 5,
      jwksCacheTtlMs: 60_000,
    });
  });

  it('requires an audience in both modes, and an issuer in jwks mode', () => {
    expect(rejectedVariables({ JWT_ISSUER: issuer })).toEqual(['JWT_AUDIENCE']);
    expect(rejectedVariables({ AUTH_MODE: 'dev-hs256', JWT_DEV_SECRET: devSecret })).toEqual(['JWT_AUDIENCE']);
    expect(rejectedVariables({ JWT_AUDIENCE: 'ticketing-api' })).toEqual(['JWT_ISSUER']);
  });

  it('refuses HMAC, none and unknown algorithms in jwks mode', () => {
    expect(rejection({ ...jwksEnv, JWT_ALGORITHMS: 'RS256,HS256' })).toMatch(/JWT_ALGORITHMS: HS256 is only accepted in dev-hs256 mode/);
    expect(rejectedVariables({ ...jwksEnv, JWT_ALGORITHMS: 'none' })).toEqual(['JWT_ALGORITHMS']);
    expect(rejectedVariables({ ...jwksEnv, JWT_ALGORITHMS: 'EdDSA' })).toEqual(['JWT_ALGORITHMS']);
    expect(rejectedVariables({ ...jwksEnv, JWT_ALGORITHMS: 'RS256;ES256' })).toEqual(['JWT_ALGORITHMS']);
  });

  it('refuses out-of-range numbers', () => {
    expect(rejectedVariables({ ...jwksEnv, JWT_CLOCK_TOLERANCE_SECONDS: '3600' })).toEqual(['JWT_CLOCK_TOLERANCE_SECONDS']);
    expect(rejectedVariables({ ...jwksEnv, JWKS_CACHE_TTL_MS: '0' })).toEqual(['JWKS_CACHE_TTL_MS']);
  });

  describe('issuer trust', () => {
    it('refuses plain http to a real host, with or without the local flag', () => {
      for (const flag of ['false', 'true']) {
        expect(rejection({ ...jwksEnv, JWT_ISSUER: 'http://login.example.com', AUTH_ALLOW_INSECURE_ISSUER: flag })).toMatch(
          /JWT_ISSUER: must use https/,
        );
        expect(rejection({ ...jwksEnv, JWT_JWKS_URL: 'http://keys.example.com/jwks.json', AUTH_ALLOW_INSECURE_ISSUER: flag })).toMatch(
          /JWT_JWKS_URL: must use https/,
        );
      }
    });

    it('refuses an issuer or key set on this machine unless AUTH_ALLOW_INSECURE_ISSUER=true', () => {
      const local = ['http://localhost:8080', 'https://127.0.0.1', 'http://127.0.0.2:9000', 'http://[::1]:80', 'https://auth.localhost', 'http://0.0.0.0:1'];
      for (const url of local) {
        expect(rejection({ ...jwksEnv, JWT_ISSUER: url })).toMatch(/JWT_ISSUER: points at this machine/);
        expect(load({ ...jwksEnv, JWT_ISSUER: url, AUTH_ALLOW_INSECURE_ISSUER: 'true' })).toMatchObject({ mode: 'jwks', issuer: url });
      }
      expect(rejection({ ...jwksEnv, JWT_JWKS_URL: 'http://127.0.0.1:4000/jwks.json' })).toMatch(/JWT_JWKS_URL: points at this machine/);
    });

    it('refuses an issuer that is not a URL when the key set is derived from it, and a key set URL without a path', () => {
      expect(rejection({ ...jwksEnv, JWT_ISSUER: 'ticketing-prod' })).toMatch(/JWT_ISSUER: must be an https URL/);
      expect(rejection({ ...jwksEnv, JWT_JWKS_URL: 'https://keys.example.com/' })).toMatch(/JWT_JWKS_URL: must include the path/);
    });
  });

  describe('dev-hs256 mode', () => {
    it('takes the dev secret and defaults the issuer to the dev-token tool', () => {
      expect(load({ AUTH_MODE: 'dev-hs256', JWT_AUDIENCE: 'ticketing-api', JWT_DEV_SECRET: devSecret })).toEqual({
        mode: 'dev-hs256',
        issuer: 'ticketing-dev',
        audience: 'ticketing-api',
        devSecret,
        clockToleranceSeconds: 30,
        });
    });

    it('requires a secret of at least 32 characters, never echoing it', () => {
      expect(rejection({ AUTH_MODE: 'dev-hs256', JWT_AUDIENCE: 'a' })).toMatch(/JWT_DEV_SECRET: is required when AUTH_MODE is dev-hs256/);
      const short = rejection({ AUTH_MODE: 'dev-hs256', JWT_AUDIENCE: 'a', JWT_DEV_SECRET: 'hunter2-hunter2' });
      expect(short).toMatch(/JWT_DEV_SECRET/);
      expect(short).not.toContain('hunter2');
    });

    it('is the only mode a dev secret is accepted in', () => {
      const message = rejection({ ...jwksEnv, JWT_DEV_SECRET: devSecret });
      expect(message).toMatch(/JWT_DEV_SECRET: must not be set when AUTH_MODE is jwks/);
      expect(message).not.toContain(devSecret);
    });
  });

  it('documents every variable, with JWT_AUDIENCE as the one always required', () => {
    const rows = configReference({ auth: authConfig });
    expect(rows.map((row) => row.variable)).toEqual([
      'AUTH_MODE',
      'JWT_ISSUER',
      'JWT_AUDIENCE',
      'JWT_JWKS_URL',
      'JWT_ALGORITHMS',
      'JWT_CLOCK_TOLERANCE_SECONDS',
      'JWKS_CACHE_TTL_MS',
      'JWT_DEV_SECRET',
      'AUTH_ALLOW_INSECURE_ISSUER',
    ]);
    expect(rows.filter((row) => row.required).map((row) => row.variable)).toEqual(['JWT_AUDIENCE']);
    for (const row of rows) expect(row.description).not.toBe('');
  });
});
