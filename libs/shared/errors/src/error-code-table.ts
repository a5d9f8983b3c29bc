import { errorCatalogue } from './error-catalogue';
import { grpcStatusByKind, httpStatusByKind } from './transport-status';

/** The names of the gRPC status codes the catalogue's kinds map to, as the gRPC spec numbers them. */
export const grpcStatusNames: Readonly<Record<number, string>> = {
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

/** The error-code reference table (markdown): every code, its HTTP and gRPC status, its meaning. */
export function renderErrorCodeTable(): string {
  const rows = Object.entries(errorCatalogue).map(
    ([code, { kind, description }]) =>
      `| \`${code}\` | ${httpStatusByKind[kind]} | ${grpcStatusNames[grpcStatusByKind[kind]]} | ${description} |`,
  );
  return ['| code | HTTP | gRPC | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
