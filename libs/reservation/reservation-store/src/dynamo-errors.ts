import { TicketingError } from '@ticketing/errors';
import { transientDynamoFailure } from '@ticketing/stored-items';
import { StoreUnavailableError } from './store-unavailable.error';

export {
  awsErrorName,
  cancellationReasons,
  conditionFailedCode,
  conditionFailedItem,
  transientDynamoFailure,
  type CancellationReason,
} from '@ticketing/stored-items';

/*
 * The one place where AWS SDK exceptions become catalogue errors, so none leaks out of the store.
 * Every translation keeps the SDK error as `cause` (for logs), never in the message (for clients).
 */

/**
 * Translates any failure of a DynamoDB call into a {@link TicketingError}: throttling, transaction
 * conflicts, outages and timeouts → {@link StoreUnavailableError} (`retryable: true`), anything else
 * (a rejected request is a bug of this store or its caller) → INTERNAL. A TicketingError passes
 * through unchanged.
 *
 * Conditional-check outcomes are NOT decided here: they mean something different for each
 * operation, so each operation inspects them first and calls this only for what is left.
 *
 * @param action what the store was doing, for the message: `"read reservation rsv_1"`.
 */
export function translateDynamoError(error: unknown, action: string): TicketingError {
  if (error instanceof TicketingError) return error;
  const reason = transientDynamoFailure(error);
  if (reason !== undefined) return new StoreUnavailableError(reason, action, error);
  return new TicketingError('INTERNAL', `The reservation store failed to ${action}`, { cause: error });
}
