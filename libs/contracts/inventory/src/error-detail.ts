import { Metadata } from '@grpc/grpc-js';
import { ErrorDetail } from './generated/ticketing/inventory/v1/error_detail';

/**
 * Trailing-metadata key that carries a binary-encoded {@link ErrorDetail}.
 *
 * The `-bin` suffix is what makes gRPC treat the value as bytes (base64 on the wire in HTTP/2
 * headers); without it the value would have to be printable ASCII.
 */
export const ERROR_DETAIL_METADATA_KEY = 'ticketing-error-detail-bin';

/** What {@link attachErrorDetail} accepts: an ErrorDetail whose unset fields default to empty. */
export type ErrorDetailInit = NonNullable<Parameters<typeof ErrorDetail.create>[0]>;

/**
 * Puts an {@link ErrorDetail} into metadata that a server sends as trailers with a failed
 * status, so the client learns *which* failure it was (the catalogue code, the conflicting
 * seats) without parsing the status message.
 *
 * Replaces any detail already attached: one failure, one detail. Keep it small (seat ids and a
 * few metadata pairs), because trailers share gRPC's metadata size limit.
 *
 * @example
 * ```ts
 * callback({
 *   code: status.ABORTED,
 *   details: 'seats are no longer available',
 *   metadata: attachErrorDetail(new Metadata(), {
 *     code: 'INVENTORY_CONFLICT',
 *     conflictingSeatIds: ['A-12'],
 *   }),
 * });
 * ```
 *
 * @returns the same metadata, for chaining.
 */
export function attachErrorDetail(metadata: Metadata, detail: ErrorDetailInit): Metadata {
  const bytes = ErrorDetail.encode(ErrorDetail.create(detail)).finish();
  // grpc-js accepts only a Buffer for a -bin key; a plain Uint8Array is rejected.
  metadata.set(ERROR_DETAIL_METADATA_KEY, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return metadata;
}

/**
 * Reads the {@link ErrorDetail} a server attached with {@link attachErrorDetail}.
 *
 * Takes what the caller has at hand: the `ServiceError` a client call failed with (its
 * `metadata` holds the trailers), the trailers `Metadata` itself, or whatever a `catch` caught.
 *
 * @returns the detail, or `undefined` when there is none or it cannot be decoded, in which
 *   case the gRPC status code alone describes the failure (client-side deadlines, connection
 *   failures and unexpected server errors carry no detail).
 */
export function readErrorDetail(source: unknown): ErrorDetail | undefined {
  const metadata = isMetadata(source) ? source : metadataOf(source);
  const value = metadata?.get(ERROR_DETAIL_METADATA_KEY)[0];
  if (!Buffer.isBuffer(value)) {
    return undefined;
  }
  try {
    return ErrorDetail.decode(value);
  } catch {
    // A detail we cannot decode must not turn a well-described failure into a crash at the
    // error-mapping edge; the status code is still there.
    return undefined;
  }
}

function metadataOf(source: unknown): Metadata | undefined {
  if (typeof source !== 'object' || source === null || !('metadata' in source)) {
    return undefined;
  }
  return isMetadata(source.metadata) ? source.metadata : undefined;
}

/** Structural check as well as instanceof: a second copy of grpc-js has its own Metadata class. */
function isMetadata(value: unknown): value is Metadata {
  return (
    value instanceof Metadata ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Partial<Metadata>).get === 'function' &&
      typeof (value as Partial<Metadata>).getMap === 'function')
  );
}
