import { inventoryContended, inventoryThrottled } from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';
import { transientDynamoFailure } from '@ticketing/stored-items';

export { awsErrorName, cancellationReasons } from '@ticketing/stored-items';

/*
 * The one place where AWS SDK exceptions become catalogue errors, so none leaks out of the store.
 * Every translation keeps the SDK error as `cause` (for logs), never in the message (for clients).
 */

/**
 * Translates any failure of a DynamoDB call into a {@link TicketingError}: throttling →
 * INVENTORY_THROTTLED, transaction conflicts → INVENTORY_CONTENDED, outages → UPSTREAM_UNAVAILABLE,
 * timeouts → UPSTREAM_TIMEOUT, anything else (a rejected request is a bug of this store) →
 * INTERNAL. A TicketingError passes through unchanged.
 *
 * Conditional-check outcomes are NOT decided here: they mean something different for each
 * operation, so each operation inspects cancellationReasons first and calls this only for what is
 * left.
 *
 * @param action what the store was doing, for the message: `"place hold rsv_1"`.
 */
export function translateDynamoError(error: unknown, action: string): TicketingError {
  if (error instanceof TicketingError) return error;
  switch (transientDynamoFailure(error)) {
    case 'throttled':
      return inventoryThrottled(error);
    case 'transaction-conflict':
    case 'transaction-in-progress':
      return inventoryContended(error);
    case 'timeout':
      return new TicketingError('UPSTREAM_TIMEOUT', `The seat store did not answer in time to ${action}`, { cause: error });
    case 'unavailable':
      return new TicketingError('UPSTREAM_UNAVAILABLE', `The seat store is unavailable to ${action}`, { cause: error });
    default:
      return new TicketingError('INTERNAL', `The seat store failed to ${action}`, { cause: error });
  }
}
