/**
 * How a handler says it failed. Anything else a handler throws is treated as retryable: an
 * unexpected error is more likely a passing fault than a property of the message, and the
 * queue's redrive policy still dead-letters it after maxReceiveCount deliveries.
 */

/** Worth another try later: an outage, a timeout, a race, or "not yet" (`retryAfterSeconds`). */
export class RetryableFailure extends Error {
  override readonly name = 'RetryableFailure';
  constructor(
    /** Short metric label of the cause, e.g. `reservation-api-unavailable`. */
    readonly kind: string,
    message: string,
    options: { readonly retryAfterSeconds?: number | undefined; readonly cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** When the cause says how long to wait (a Retry-After, a due time), instead of the backoff. */
  readonly retryAfterSeconds: number | undefined;
}

/** Will fail the same way every time (the API refused the request as invalid, or the reservation does not exist). */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
  constructor(
    readonly kind: string,
    message: string,
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}
