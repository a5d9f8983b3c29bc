import { ConfigError, defineConfigPiece, loadConfig } from '@ticketing/config';
import { describe, expect, it } from 'vitest';
import { readServiceTokenSettings, serviceAccountList, serviceTokenVariables } from './service-token.config';

const pieces = { auth: defineConfigPiece(serviceTokenVariables('ticketing-test'), readServiceTokenSettings) };
const load = (env: Record<string, string>) => loadConfig(pieces, env).auth;
const eks = {
  SERVICE_TOKEN_ISSUER: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
  SERVICE_TOKEN_JWKS_URL: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE/keys',
};

describe('service token settings', () => {
  it('default to service-account tokens for the given audience, checked against https issuer keys', () => {
    expect(load(eks)).toEqual({
      mode: 'service-account',
      local: false,
      verifier: {
        issuer: eks.SERVICE_TOKEN_ISSUER,
        jwksUrl: eks.SERVICE_TOKEN_JWKS_URL,
        audience: 'ticketing-test',
        algorithms: ['RS256', 'ES256'],
        clockToleranceSeconds: 30,
        jwksCacheTtlMs: 600_000,
      },
    });
  });

  it('refuse to start without an issuer and its keys, naming the setting', () => {
    expect(() => load({})).toThrow(ConfigError);
    expect(() => load({})).toThrow(/SERVICE_TOKEN_ISSUER: is required/);
    expect(() => load({ SERVICE_TOKEN_ISSUER: eks.SERVICE_TOKEN_ISSUER })).toThrow(/SERVICE_TOKEN_JWKS_URL: is required/);
  });

  it('trust a loopback or plain-http issuer only in local mode', () => {
    const local = { SERVICE_TOKEN_ISSUER: 'http://127.0.0.1:8090', SERVICE_TOKEN_JWKS_URL: 'http://127.0.0.1:8090/openid/v1/jwks' };
    expect(() => load(local)).toThrow(/SERVICE_TOKEN_ISSUER: points at this machine/);
    expect(load({ ...local, SERVICE_AUTH_LOCAL_MODE: 'true' })).toMatchObject({ mode: 'service-account', local: true });
    expect(() => load({ ...eks, SERVICE_TOKEN_JWKS_URL: 'http://keys.example.com/keys' })).toThrow(/SERVICE_TOKEN_JWKS_URL: must use https/);
  });

  it('refuse shared-secret algorithms', () => {
    expect(() => load({ ...eks, SERVICE_TOKEN_ALGORITHMS: 'RS256,HS256' })).toThrow(/SERVICE_TOKEN_ALGORITHMS: HS256 is a shared-secret algorithm/);
  });

  it('leave the static-token fallback to the service, which knows its tokens', () => {
    expect(load({ SERVICE_AUTH_MODE: 'static-token' })).toEqual({ mode: 'static-token', local: false });
  });
});

describe('serviceAccountList', () => {
  it('splits and trims a comma-separated list', () => {
    expect(serviceAccountList('system:serviceaccount:a:b, system:serviceaccount:c:d')).toEqual([
      'system:serviceaccount:a:b',
      'system:serviceaccount:c:d',
    ]);
  });
});
