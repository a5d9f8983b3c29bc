import { TicketingError } from '@ticketing/errors';
import { transientDynamoFailure } from '@ticketing/stored-items';

export { awsErrorName, isConditionalCheckFailure } from '@ticketing/stored-items';

/*
 * The one place where DynamoDB SDK exceptions become catalogue errors, so none leaks out of the
 * store. Every translation keeps the SDK error as `cause` (for logs), never in the message.
 * Conditional-check failures are not errors here: each operation decides what they mean first.
 */

/**
 * Translates a failed DynamoDB call into a {@link TicketingError}: throttling, outages and network
 * failures → UPSTREAM_UNAVAILABLE, timeouts → UPSTREAM_TIMEOUT, anything else (a rejected request
 * is a bug of this store) → INTERNAL. A TicketingError passes through unchanged.
 *
 * @param action what the store was doing, for the message: `"lease outbox item evt_1"`.
 */
export function translateDynamoError(error: unknown, action: string): TicketingError {
  if (error instanceof TicketingError) return error;
  const failure = transientDynamoFailure(error);
  if (failure === 'timeout') {
    return new TicketingError('UPSTREAM_TIMEOUT', `The outbox table did not answer in time to ${action}`, { cause: error });
  }
  if (failure === 'throttled' || failure === 'unavailable') {
    return new TicketingError('UPSTREAM_UNAVAILABLE', `The outbox table is unavailable to ${action}`, { cause: error });
  }
  return new TicketingError('INTERNAL', `The outbox store failed to ${action}`, { cause: error });
}
