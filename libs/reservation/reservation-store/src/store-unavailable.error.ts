import { TicketingError } from '@ticketing/errors';

/** Why a {@link StoreUnavailableError} was raised. */
export type StoreUnavailableReason =
  /** Another transaction touched one of the same items at the same instant (and retries ran out). */
  | 'transaction-conflict'
  /** A transaction with the same ClientRequestToken is still running. */
  | 'transaction-in-progress'
  /** DynamoDB is throttling this table or partition. */
  | 'throttled'
  /** DynamoDB answered with a server error, or could not be reached. */
  | 'unavailable'
  /** DynamoDB did not answer in time; the write may or may not have been applied. */
  | 'timeout';

/**
 * The reservation tables could not take this request right now; the same request may succeed
 * shortly. `retryable` is always `true`, so callers (the API's retry around a commit, the worker's
 * visibility-timeout backoff) can branch on it without knowing DynamoDB's vocabulary.
 *
 * Its code is UPSTREAM_TIMEOUT (504) for a timeout and UPSTREAM_UNAVAILABLE (503) for everything
 * else — including a transaction conflict and throttling. The catalogue's INVENTORY_CONTENDED and
 * INVENTORY_THROTTLED name the seat store and would mislead a client about what was busy; 503
 * tells it precisely "not now, try again" (the API may add Retry-After).
 *
 * Nothing is known to be written after a `timeout` or `unavailable`: commit with a
 * `clientRequestToken` and retry with the same token, so an applied-but-unanswered transaction is
 * not applied twice. After the other reasons nothing was written.
 */
export class StoreUnavailableError extends TicketingError {
  override readonly name: string = 'StoreUnavailableError';
  readonly retryable = true as const;

  constructor(
    readonly reason: StoreUnavailableReason,
    action: string,
    cause?: unknown,
  ) {
    super(reason === 'timeout' ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE', messageFor(reason, action), {
      details: { reason },
      cause,
    });
  }
}

function messageFor(reason: StoreUnavailableReason, action: string): string {
  switch (reason) {
    case 'transaction-conflict':
      return `Another request was changing the same records; could not ${action}. Retry.`;
    case 'transaction-in-progress':
      return `The same transaction is still running; could not ${action} yet. Retry.`;
    case 'throttled':
      return `The reservation store is throttling requests; could not ${action}. Retry with backoff.`;
    case 'timeout':
      return `The reservation store did not answer in time to ${action}.`;
    case 'unavailable':
      return `The reservation store is unavailable to ${action}.`;
  }
}
