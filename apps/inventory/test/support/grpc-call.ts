import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { readErrorDetail, type ErrorDetail } from '@ticketing/inventory-contract';

/** The gRPC status code and ErrorDetail a call failed with. */
export interface CallFailure {
  readonly code: number;
  readonly detail: ErrorDetail | undefined;
  readonly message: string;
}

/** Runs a call expected to fail and returns how it failed (throws if it succeeded). */
export async function failureOf(pending: Promise<unknown>): Promise<CallFailure> {
  try {
    await pending;
  } catch (error) {
    const serviceError = error as ServiceError;
    return { code: serviceError.code, detail: readErrorDetail(serviceError), message: serviceError.details };
  }
  throw new Error('expected the call to fail');
}

/** Metadata carrying a bearer token. */
export function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}
