import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { attachErrorDetail } from '@ticketing/inventory-contract';
import { errorCatalogue, grpcStatusByKind, TicketingError } from '@ticketing/errors';

/** A failure as grpc-js sends it: status code, message and trailers. */
export type GrpcFailure = Partial<ServiceError> & { code: status; details: string; metadata: Metadata };

/**
 * The one place that turns errors into gRPC statuses. Catalogue errors keep their code, message
 * and structured details (in the ErrorDetail trailer); anything else is INTERNAL with no internals.
 */
export function toGrpcFailure(error: unknown): GrpcFailure {
  if (!(error instanceof TicketingError)) {
    return { code: status.INTERNAL, details: 'Internal error.', metadata: attachErrorDetail(new Metadata(), { code: 'INTERNAL' }) };
  }
  const { conflictingSeatIds, holdId, ...rest } = error.details as {
    conflictingSeatIds?: unknown;
    holdId?: unknown;
    [key: string]: unknown;
  };
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined || typeof value === 'object') continue;
    metadata[snakeCase(key)] = String(value);
  }
  return {
    code: grpcStatusByKind[errorCatalogue[error.code].kind] as status,
    details: error.message,
    metadata: attachErrorDetail(new Metadata(), {
      code: error.code,
      conflictingSeatIds: Array.isArray(conflictingSeatIds) ? conflictingSeatIds.map(String) : [],
      holdId: typeof holdId === 'string' ? holdId : '',
      metadata,
    }),
  };
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
