/** A key or key prefix that would land keys in unintended Redis Cluster slots. */
export class InvalidRedisKeyError extends Error {
  override readonly name = 'InvalidRedisKeyError';
}

/** The client did not become ready in time. */
export class RedisNotReadyError extends Error {
  override readonly name = 'RedisNotReadyError';
}
