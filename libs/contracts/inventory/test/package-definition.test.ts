// The descriptor set must describe the same service as the generated TypeScript: both come out
// of one generation run, and this catches a binpb left behind by a partial regeneration.
import type { ServiceDefinition } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { InventoryServiceService, loadInventoryPackageDefinition } from '../src/index';

describe('loadInventoryPackageDefinition', () => {
  it('contains the InventoryService with the same RPC paths as the generated code', () => {
    const definition = loadInventoryPackageDefinition();
    const service = definition['ticketing.inventory.v1.InventoryService'] as ServiceDefinition | undefined;

    expect(service).toBeDefined();
    const descriptorPaths = Object.values(service ?? {}).map((method) => method.path);
    const generatedPaths = Object.values(InventoryServiceService).map((method) => method.path);
    expect(generatedPaths).toHaveLength(8);
    expect(descriptorPaths.sort()).toEqual(generatedPaths.sort());
  });

  it('includes the well-known types the contract imports', () => {
    const definition = loadInventoryPackageDefinition();

    expect(Object.keys(definition)).toEqual(
      expect.arrayContaining(['google.protobuf.Timestamp', 'google.protobuf.Duration', 'ticketing.inventory.v1.Hold']),
    );
  });
});
