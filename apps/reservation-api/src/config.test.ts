import { ConfigError, configReference, renderConfigTable } from '@ticketing/config';
import { readmeSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { loadReservationApiConfig, reservationApiConfigPieces } from './config';

// Everything else has a default; who issues tokens for whom cannot.
const requiredEnv = { JWT_ISSUER: 'https://login.example.com/', JWT_AUDIENCE: 'ticketing-api' };

describe('reservation-api configuration', () => {
  it('boots on defaults plus the token issuer and audience', () => {
    expect(Object.isFrozen(loadReservationApiConfig(requiredEnv))).toBe(true);
    expect(() => loadReservationApiConfig({})).toThrow(/JWT_AUDIENCE/);
  });

  it('rejects a bad value naming the variable', () => {
    expect(() => loadReservationApiConfig({ ...requiredEnv, INVENTORY_GRPC_ADDRESS: 'not-valid', SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(
      ConfigError,
    );
    expect(() => loadReservationApiConfig({ ...requiredEnv, INVENTORY_GRPC_ADDRESS: 'not-valid' })).toThrow(/INVENTORY_GRPC_ADDRESS/);
  });

  it('is documented in the README exactly as the schemas define it', () => {
    // On failure, paste renderConfigTable's output between the README's config:reservation-api markers.
    expect(readmeSection('config:reservation-api')).toBe(renderConfigTable(configReference(reservationApiConfigPieces)));
  });
});
