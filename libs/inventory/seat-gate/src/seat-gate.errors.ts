/**
 * A gate or view call with arguments that would build wrong keys or invalid Redis commands: an id
 * that would move keys to another Cluster slot, a TTL Redis would reject. A programming error, so
 * it is thrown before any round trip rather than counted as a Redis failure.
 */
export class InvalidSeatGateArgumentError extends Error {
  override readonly name = 'InvalidSeatGateArgumentError';
}

/**
 * A field of the seat-status view that does not decode: something other than this library wrote
 * it. The view cannot be trusted for that section; read DynamoDB instead.
 */
export class CorruptSeatStatusViewError extends Error {
  override readonly name = 'CorruptSeatStatusViewError';
}

/** A bad argument or a corrupt view entry: a bug of the caller or of another writer, not Redis failing. */
export function isSeatGateBug(error: unknown): boolean {
  return error instanceof InvalidSeatGateArgumentError || error instanceof CorruptSeatStatusViewError;
}
