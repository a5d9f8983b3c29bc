import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';
import type { InventoryConfig } from '@ticketing/inventory-config';

/**
 * The gRPC port's transport: plaintext (inside a service mesh whose sidecars encrypt, or locally),
 * TLS with the configured key pair, or mutual TLS when a client CA is configured. The files are read
 * once at start: a renewed certificate takes effect with the next pod (cert-manager and a reloader
 * roll the Deployment).
 */
export function grpcServerCredentials(tls: InventoryConfig['tls']): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  const clientCa = tls.clientCaFile ? readFileSync(tls.clientCaFile) : null;
  return ServerCredentials.createSsl(clientCa, [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }], clientCa !== null);
}
