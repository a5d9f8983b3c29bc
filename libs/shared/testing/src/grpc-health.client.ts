import { credentials, loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from 'grpc-health-check';

type HealthClient = import('@grpc/grpc-js').Client & {
  check(
    request: { service: string },
    options: { deadline: Date },
    callback: (error: ServiceError | null, response?: { status: string }) => void,
  ): void;
};

const healthPackage = loadPackageDefinition(loadSync(protoPath, { enums: String })) as unknown as {
  grpc: { health: { v1: { Health: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => HealthClient } } };
};

/**
 * Asks a server's grpc.health.v1 service for `service`'s status ("" is the whole server), as the
 * kubelet's native gRPC probe does. Resolves with the status name, e.g. "SERVING".
 */
export async function checkGrpcHealth(address: string, service = '', timeoutMs = 5_000): Promise<string> {
  const client = new healthPackage.grpc.health.v1.Health(address, credentials.createInsecure());
  try {
    return await new Promise<string>((resolve, reject) =>
      client.check({ service }, { deadline: new Date(Date.now() + timeoutMs) }, (error, response) =>
        error ? reject(error) : resolve(response?.status ?? 'UNKNOWN'),
      ),
    );
  } finally {
    client.close();
  }
}
