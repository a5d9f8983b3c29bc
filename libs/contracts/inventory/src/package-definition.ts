import { readFileSync } from 'node:fs';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { loadFileDescriptorSetFromBuffer, type PackageDefinition } from '@grpc/proto-loader';

/**
 * The binary FileDescriptorSet `buf build` writes next to the generated code (see
 * scripts/generate.sh). Resolved from this module's own location, so it works from any working
 * directory; a bundled or copied build must ship `generated/inventory.binpb` alongside.
 */
const descriptorSetUrl = new URL('./generated/inventory.binpb', import.meta.url);

/**
 * Loads the inventory contract (with its google.protobuf imports) as a proto-loader package
 * definition, keyed by fully qualified name, e.g. `ticketing.inventory.v1.InventoryService`.
 *
 * Why: gRPC server reflection (`new ReflectionService(loadInventoryPackageDefinition())` from
 * `@grpc/reflection`) needs descriptors, which the ts-proto code does not carry. Reading the
 * descriptor set that the same generation step produced keeps reflection and the TypeScript
 * types from ever describing different contracts. Reads the file synchronously: call it once at
 * start-up.
 *
 * The file descriptors it carries are buf's originals, not the ones proto-loader rebuilds:
 * proto-loader merges all files of a package into one and leaves every `dependency` list empty
 * (grpc/grpc-node#2595), and strict reflection clients such as grpcurl then fail with
 * "unresolvable reference to google.protobuf.Timestamp". The originals also keep the .proto
 * comments, so `grpcurl describe` shows the contract's documentation.
 *
 * The options are proto-loader's customary ones, relevant only to dynamic clients built with
 * `grpc.loadPackageDefinition`: field names as in the .proto, int64 and enums as strings,
 * defaults filled in, and a virtual field naming the chosen case of each oneof.
 */
export function loadInventoryPackageDefinition(): PackageDefinition {
  const descriptorSet = readFileSync(descriptorSetUrl);
  const definition = loadFileDescriptorSetFromBuffer(descriptorSet, {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const originalFiles = fromBinary(FileDescriptorSetSchema, descriptorSet).file.map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file)),
  );
  for (const entry of Object.values(definition)) {
    if ('format' in entry) {
      // A message or enum definition; proto-loader gives every one of them all files, so do we.
      entry.fileDescriptorProtos = originalFiles;
    } else {
      for (const method of Object.values(entry)) {
        method.requestType.fileDescriptorProtos = originalFiles;
        method.responseType.fileDescriptorProtos = originalFiles;
      }
    }
  }
  return definition;
}
