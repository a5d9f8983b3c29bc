import { ConfigError, configReference, renderConfigTable } from '@ticketing/config';
import { markedSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { loadInventoryConfig, inventoryConfigPieces } from './config';

describe('inventory configuration', () => {
  it("boots on defaults plus where its callers' tokens come from", () => {
    const config = loadInventoryConfig({
      SERVICE_TOKEN_ISSUER: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
      SERVICE_TOKEN_JWKS_URL: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE/keys',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.callerAuth).toMatchObject({
      mode: 'service-account',
      local: false,
      verifier: { audience: 'ticketing-inventory', algorithms: ['RS256', 'ES256'] },
      callers: {
        reservationApi: ['system:serviceaccount:ticketing:reservation-api'],
        reservationWorker: ['system:serviceaccount:ticketing:reservation-worker'],
        admin: [],
      },
    });
  });

  it('fails closed: no caller authentication settings, no start', () => {
    expect(() => loadInventoryConfig({})).toThrow(/SERVICE_TOKEN_ISSUER: is required/);
    expect(() => loadInventoryConfig({ SERVICE_AUTH_MODE: 'static-token' })).toThrow(/INVENTORY_CLIENT_TOKEN: is required/);
    // A loopback issuer is for local development only, and says so by name.
    expect(() =>
      loadInventoryConfig({ SERVICE_TOKEN_ISSUER: 'http://127.0.0.1:8090', SERVICE_TOKEN_JWKS_URL: 'http://127.0.0.1:8090/openid/v1/jwks' }),
    ).toThrow(/SERVICE_AUTH_LOCAL_MODE=true/);
    expect(() =>
      loadInventoryConfig({ SERVICE_TOKEN_ISSUER: 'https://issuer.example.com', SERVICE_TOKEN_JWKS_URL: 'https://issuer.example.com/keys', SERVICE_TOKEN_ALGORITHMS: 'HS256' }),
    ).toThrow(/SERVICE_TOKEN_ALGORITHMS: HS256/);
  });

  it('serves TLS with a whole key pair, and checks client certificates only over TLS', () => {
    const local = { SERVICE_AUTH_MODE: 'static-token', SERVICE_AUTH_LOCAL_MODE: 'true' };
    expect(loadInventoryConfig(local).tls).toBeUndefined();
    expect(loadInventoryConfig({ ...local, INVENTORY_TLS_CERT_FILE: '/tls/tls.crt', INVENTORY_TLS_KEY_FILE: '/tls/tls.key' }).tls).toEqual({
      certFile: '/tls/tls.crt',
      keyFile: '/tls/tls.key',
      clientCaFile: undefined,
    });
    expect(() => loadInventoryConfig({ ...local, INVENTORY_TLS_CERT_FILE: '/tls/tls.crt' })).toThrow(/INVENTORY_TLS_KEY_FILE: is required/);
    expect(() => loadInventoryConfig({ ...local, INVENTORY_TLS_CLIENT_CA_FILE: '/tls/ca.crt' })).toThrow(/INVENTORY_TLS_CLIENT_CA_FILE: needs INVENTORY_TLS_CERT_FILE/);
  });

  it('admits unauthenticated callers only in local mode, by name', () => {
    expect(loadInventoryConfig({ SERVICE_AUTH_MODE: 'static-token', SERVICE_AUTH_LOCAL_MODE: 'true' }).callerAuth).toMatchObject({
      mode: 'static-token',
      local: true,
      clientToken: undefined,
    });
  });

  it('rejects a bad value naming the variable', () => {
    expect(() => loadInventoryConfig({ GRPC_PORT: 'not-valid', SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadInventoryConfig({ GRPC_PORT: 'not-valid' })).toThrow(/GRPC_PORT/);
  });

  it('is documented in docs/reference exactly as the schemas define it', () => {
    // On failure: npm run docs:generate.
    expect(markedSection('docs/reference/configuration.md', 'config:inventory')).toBe(renderConfigTable(configReference(inventoryConfigPieces)));
  });
});
