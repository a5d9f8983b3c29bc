import { ConfigError, configReference, renderConfigTable } from '@ticketing/config';
import { readmeSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { loadInventoryConfig, inventoryConfigPieces } from './config';

describe('inventory configuration', () => {
  it('boots on defaults alone', () => {
    expect(Object.isFrozen(loadInventoryConfig({}))).toBe(true);
  });

  it('rejects a bad value naming the variable', () => {
    expect(() => loadInventoryConfig({ GRPC_PORT: 'not-valid', SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadInventoryConfig({ GRPC_PORT: 'not-valid' })).toThrow(/GRPC_PORT/);
  });

  it('is documented in the README exactly as the schemas define it', () => {
    // On failure, paste renderConfigTable's output between the README's config:inventory markers.
    expect(readmeSection('config:inventory')).toBe(renderConfigTable(configReference(inventoryConfigPieces)));
  });
});
