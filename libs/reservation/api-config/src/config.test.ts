import { ConfigError, configReference, renderConfigTable } from '@ticketing/config';
import { markedSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { loadReservationApiConfig, reservationApiConfigPieces } from './config';

// Everything else has a default; who issues tokens for whom (users' and services') cannot.
const clusterIssuer = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE';
const requiredEnv = {
  JWT_ISSUER: 'https://login.example.com/',
  JWT_AUDIENCE: 'ticketing-api',
  SERVICE_TOKEN_ISSUER: clusterIssuer,
  SERVICE_TOKEN_JWKS_URL: `${clusterIssuer}/keys`,
};

describe('reservation-api configuration', () => {
  it('boots on defaults plus the token issuers and audience', () => {
    expect(Object.isFrozen(loadReservationApiConfig(requiredEnv))).toBe(true);
    expect(() => loadReservationApiConfig({})).toThrow(/JWT_AUDIENCE/);
    const { SERVICE_TOKEN_ISSUER: _issuer, ...withoutClusterIssuer } = requiredEnv;
    expect(() => loadReservationApiConfig(withoutClusterIssuer)).toThrow(/SERVICE_TOKEN_ISSUER/);
  });

  it('verifies the internal endpoints\' callers with service-account tokens for its own audience, from the worker only', () => {
    expect(loadReservationApiConfig(requiredEnv).internalCallers).toMatchObject({
      mode: 'service-account',
      local: false,
      verifier: { issuer: clusterIssuer, audience: 'ticketing-reservation-api' },
      workerAccounts: ['system:serviceaccount:ticketing:reservation-worker'],
    });
  });

  it('rejects a bad value naming the variable', () => {
    expect(() => loadReservationApiConfig({ ...requiredEnv, INVENTORY_GRPC_ADDRESS: 'not-valid', SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(
      ConfigError,
    );
    expect(() => loadReservationApiConfig({ ...requiredEnv, INVENTORY_GRPC_ADDRESS: 'not-valid' })).toThrow(/INVENTORY_GRPC_ADDRESS/);
  });

  it('is documented in docs/reference exactly as the schemas define it', () => {
    // On failure: npm run docs:generate.
    expect(markedSection('docs/reference/configuration.md', 'config:reservation-api')).toBe(renderConfigTable(configReference(reservationApiConfigPieces)));
  });
});
