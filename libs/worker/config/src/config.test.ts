import { ConfigError, configReference, renderConfigTable } from '@ticketing/config';
import { markedSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { loadReservationWorkerConfig, reservationWorkerConfigPieces } from './config';

describe('reservation-worker configuration', () => {
  it('boots on defaults alone', () => {
    expect(Object.isFrozen(loadReservationWorkerConfig({}))).toBe(true);
  });

  it('rejects a bad value naming the variable', () => {
    expect(() => loadReservationWorkerConfig({ HTTP_PORT: 'not-valid', SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadReservationWorkerConfig({ HTTP_PORT: 'not-valid' })).toThrow(/HTTP_PORT/);
  });

  it('is documented in docs/reference exactly as the schemas define it', () => {
    // On failure: npm run docs:generate.
    expect(markedSection('docs/reference/configuration.md', 'config:reservation-worker')).toBe(renderConfigTable(configReference(reservationWorkerConfigPieces)));
  });
});
