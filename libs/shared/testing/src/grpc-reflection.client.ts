import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { loadSync, type ServiceDefinition } from '@grpc/proto-loader';

/**
 * The services a server lists through gRPC server reflection (grpc.reflection.v1), as
 * `grpcurl <address> list` shows them.
 */
export async function listServicesByReflection(address: string, timeoutMs = 5_000): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const protoRoot = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto');
  const definition = loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [protoRoot], keepCase: true });
  const method = (definition['grpc.reflection.v1.ServerReflection'] as ServiceDefinition)['ServerReflectionInfo'];
  if (!method) throw new Error('grpc.reflection.v1.ServerReflection/ServerReflectionInfo not found in @grpc/reflection');
  const client = new Client(address, credentials.createInsecure());
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, new Metadata(), {
        deadline: new Date(Date.now() + timeoutMs),
      });
      const names: string[] = [];
      call.on('data', (response: { list_services_response?: { service: { name: string }[] } }) =>
        names.push(...(response.list_services_response?.service.map((service) => service.name) ?? [])),
      );
      call.on('error', reject);
      call.on('end', () => resolve(names));
      call.write({ host: '', list_services: '' });
      call.end();
    });
  } finally {
    client.close();
  }
}
