// loadInventoryPackageDefinition exists for @grpc/reflection: serve it on a real server and query
// it with a real reflection client, resolving descriptors as strictly as grpcurl does.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { Client, Server, ServerCredentials, credentials } from '@grpc/grpc-js';
import { loadSync, type ServiceDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventoryPackageDefinition } from '../src/index';

const SERVICE_NAME = 'ticketing.inventory.v1.InventoryService';

/** A reflection response as proto-loader decodes it with keepCase. */
interface ReflectionResponse {
  list_services_response?: { service: { name: string }[] };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}

describe('server reflection fed by loadInventoryPackageDefinition', () => {
  const server = new Server();
  let client: Client;

  beforeAll(async () => {
    new ReflectionService(loadInventoryPackageDefinition()).addToServer(server);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, boundPort) =>
        error ? reject(error) : resolve(boundPort),
      );
    });
    client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it('lists the InventoryService', async () => {
    const [response] = await reflect(client, [{ list_services: '' }]);

    expect(response?.list_services_response?.service.map((service) => service.name)).toContain(SERVICE_NAME);
  });

  it('resolves the service and every import the way grpcurl does', async () => {
    // grpcurl asks file_containing_symbol for the service, then file_by_filename for each
    // declared dependency, recursively, and links the result strictly: a file that uses a type
    // without declaring its import fails here as it fails there.
    const files = new Map<string, FileDescriptorProto>();
    const pending: object[] = [{ file_containing_symbol: SERVICE_NAME }];
    while (pending.length > 0) {
      for (const response of await reflect(client, pending.splice(0))) {
        expect(response.error_response).toBeUndefined();
        for (const bytes of response.file_descriptor_response?.file_descriptor_proto ?? []) {
          const file = fromBinary(FileDescriptorProtoSchema, bytes);
          files.set(file.name, file);
        }
      }
      const requested = new Set(files.keys());
      for (const dependency of [...files.values()].flatMap((file) => file.dependency)) {
        if (!requested.has(dependency)) {
          requested.add(dependency);
          pending.push({ file_by_filename: dependency });
        }
      }
    }

    const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: dependenciesFirst(files) }));

    const service = registry.getService(SERVICE_NAME);
    expect(service?.methods.map((method) => method.name)).toEqual([
      'CreateEvent',
      'GetSeatMap',
      'GetInventoryStatus',
      'CheckAvailability',
      'HoldSeats',
      'GetHold',
      'CommitHold',
      'ReleaseHold',
    ]);
    const holdSeatsInput = service?.methods.find((method) => method.name === 'HoldSeats')?.input;
    expect(holdSeatsInput?.fields.find((field) => field.name === 'ttl')?.message?.typeName).toBe(
      'google.protobuf.Duration',
    );
    // Comments travel with the descriptors, so `grpcurl describe` documents the contract.
    const moneyComments = files
      .get('ticketing/inventory/v1/money.proto')
      ?.sourceCodeInfo?.location.map((location) => location.leadingComments);
    expect(moneyComments).toEqual(expect.arrayContaining([expect.stringContaining('ISO 4217')]));
  });
});

/** Orders files so each comes after its dependencies, as a FileDescriptorSet requires. */
function dependenciesFirst(files: Map<string, FileDescriptorProto>): FileDescriptorProto[] {
  const ordered: FileDescriptorProto[] = [];
  const visited = new Set<string>();
  const visit = (name: string): void => {
    const file = files.get(name);
    if (file === undefined || visited.has(name)) {
      return;
    }
    visited.add(name);
    file.dependency.forEach(visit);
    ordered.push(file);
  };
  [...files.keys()].forEach(visit);
  return ordered;
}

/** grpc.reflection.v1's only method, from the .proto that @grpc/reflection ships. */
function reflectionMethod() {
  const require = createRequire(import.meta.url);
  const protoRoot = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build/proto');
  const definition = loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [protoRoot], keepCase: true });
  const method = (definition['grpc.reflection.v1.ServerReflection'] as ServiceDefinition)['ServerReflectionInfo'];
  if (method === undefined) {
    throw new Error('grpc.reflection.v1.ServerReflection/ServerReflectionInfo not found');
  }
  return method;
}

/** Sends the requests on one ServerReflectionInfo stream and collects every response. */
function reflect(client: Client, requests: object[]): Promise<ReflectionResponse[]> {
  const method = reflectionMethod();
  return new Promise((resolve, reject) => {
    const call = client.makeBidiStreamRequest(
      method.path,
      method.requestSerialize,
      (bytes: Buffer) => method.responseDeserialize(bytes) as ReflectionResponse,
    );
    const responses: ReflectionResponse[] = [];
    call.on('data', (response: ReflectionResponse) => responses.push(response));
    call.on('error', reject);
    call.on('end', () => resolve(responses));
    for (const request of requests) {
      call.write({ host: '', ...request });
    }
    call.end();
  });
}
