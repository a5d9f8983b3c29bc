import { ConfigError, configReference, renderConfigTable } from '@ticketing/config';
import { readmeSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { loadReservationApiConfig, reservationApiConfigPieces } from './config';

describe('reservation-api configuration', () => {
  it('boots on defaults alone', () => {
    expect(Object.isFrozen(loadReservationApiConfig({}))).toBe(true);
  });

  it('rejects a bad value naming the variable', () => {
    expect(() => loadReservationApiConfig({ INVENTORY_GRPC_ADDRESS: 'not-valid', SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadReservationApiConfig({ INVENTORY_GRPC_ADDRESS: 'not-valid' })).toThrow(/INVENTORY_GRPC_ADDRESS/);
  });

  it('is documented in the README exactly as the schemas define it', () => {
    // On failure, paste renderConfigTable's output between the README's config:reservation-api markers.
    expect(readmeSection('config:reservation-api')).toBe(renderConfigTable(configReference(reservationApiConfigPieces)));
  });
});
