import type { CancellationReason as RawCancellationReason } from '@aws-sdk/client-dynamodb';
import { inventoryContended, inventoryThrottled } from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';
import { decodeItem } from '@ticketing/stored-items';

/*
 * The one place where AWS SDK exceptions become catalogue errors, so none leaks out of the store.
 * Every translation keeps the SDK error as `cause` (for logs), never in the message (for clients).
 */

/** Exception names (and cancellation reason codes) that mean "DynamoDB is throttling this burst". */
const throttlingNames: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ProvisionedThroughputExceeded',
  'ThrottlingException',
  'ThrottlingError',
  'RequestLimitExceeded',
]);

/**
 * Another request touched the same item at the same moment (a transaction conflict), or a
 * transaction with the same ClientRequestToken is still running: retrying shortly can succeed.
 */
const contentionNames: ReadonlySet<string> = new Set([
  'TransactionConflictException',
  'TransactionConflict',
  'TransactionInProgressException',
]);

/** Server-side or network failures: the request may or may not have been applied. */
const unavailableNames: ReadonlySet<string> = new Set([
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
]);

const timeoutNames: ReadonlySet<string> = new Set(['TimeoutError', 'AbortError', 'ETIMEDOUT', 'RequestTimeout']);

/** The SDK's name for an error (`TransactionCanceledException`, …), or a Node error code. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && code.startsWith('E')) return code;
  return typeof name === 'string' ? name : undefined;
}

/** One entry of a cancelled transaction's reasons, aligned with the `TransactItems` sent. */
export interface CancellationReason {
  /** `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ThrottlingError`, … */
  readonly code: string;
  /** The item as it was when its condition failed (only with `ReturnValuesOnConditionCheckFailure: ALL_OLD`). */
  readonly item: Record<string, unknown> | undefined;
}

/**
 * The per-item reasons of a `TransactionCanceledException`, decoded; `undefined` for any other
 * error. DynamoDB evaluates every item's condition and reports each failure, so a caller can see
 * both "seat A-2 is taken" and "the hold record exists" from one cancellation.
 */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (awsErrorName(error) !== 'TransactionCanceledException') return undefined;
  const raw = (error as { CancellationReasons?: RawCancellationReason[] }).CancellationReasons ?? [];
  return raw.map((reason) => ({ code: reason.Code ?? 'None', item: decodeItem(reason.Item) }));
}

/**
 * Translates any failure of a DynamoDB call into a {@link TicketingError}: throttling →
 * INVENTORY_THROTTLED, transaction conflicts → INVENTORY_CONTENDED, outages → UPSTREAM_UNAVAILABLE,
 * timeouts → UPSTREAM_TIMEOUT, anything else (a rejected request is a bug of this store) →
 * INTERNAL. A TicketingError passes through unchanged.
 *
 * Conditional-check outcomes are NOT decided here: they mean something different for each
 * operation, so each operation inspects {@link cancellationReasons} first and calls this only for
 * what is left.
 *
 * @param action what the store was doing, for the message: `"place hold rsv_1"`.
 */
export function translateDynamoError(error: unknown, action: string): TicketingError {
  if (error instanceof TicketingError) return error;
  const name = awsErrorName(error);
  const reasons = cancellationReasons(error) ?? [];
  const reasonCodes = new Set(reasons.map((reason) => reason.code));
  if (name !== undefined && throttlingNames.has(name)) return inventoryThrottled(error);
  if ([...reasonCodes].some((code) => throttlingNames.has(code))) return inventoryThrottled(error);
  if (name !== undefined && contentionNames.has(name)) return inventoryContended(error);
  if (reasonCodes.has('TransactionConflict')) return inventoryContended(error);
  if (name !== undefined && timeoutNames.has(name)) {
    return new TicketingError('UPSTREAM_TIMEOUT', `The seat store did not answer in time to ${action}`, { cause: error });
  }
  if ((name !== undefined && unavailableNames.has(name)) || serverFault(error)) {
    return new TicketingError('UPSTREAM_UNAVAILABLE', `The seat store is unavailable to ${action}`, { cause: error });
  }
  return new TicketingError('INTERNAL', `The seat store failed to ${action}`, { cause: error });
}

function serverFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { $fault?: unknown }).$fault === 'server';
}
