import type { Server } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { loadInventoryPackageDefinition } from '@ticketing/inventory-contract';
import { protoPath as healthProtoPath } from 'grpc-health-check';

/**
 * Adds gRPC server reflection for every service the inventory serves — InventoryService and
 * grpc.health.v1.Health — so `grpcurl <host:port> list` shows both and a health check needs no
 * local .proto files. Reads the descriptors synchronously: call it once at start-up.
 */
export function addServerReflection(server: Server): void {
  const health = loadSync(healthProtoPath, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  new ReflectionService({ ...loadInventoryPackageDefinition(), ...health }).addToServer(server);
}
