import type { AttributeValue, CancellationReason as RawCancellationReason } from '@aws-sdk/client-dynamodb';
import { TicketingError } from '@ticketing/errors';
import { decodeItem } from '@ticketing/stored-items';
import { StoreUnavailableError, type StoreUnavailableReason } from './store-unavailable.error';

/*
 * The one place where AWS SDK exceptions become catalogue errors, so none leaks out of the store.
 * Every translation keeps the SDK error as `cause` (for logs), never in the message (for clients).
 */

/** Exception names (and cancellation reason codes) that mean "DynamoDB is throttling". */
const throttlingNames: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ProvisionedThroughputExceeded',
  'ThrottlingException',
  'ThrottlingError',
  'RequestLimitExceeded',
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

/** The cancellation reason code of a write whose condition was false. */
export const conditionFailedCode = 'ConditionalCheckFailed';

/** The cancellation reason code of a write that collided with another transaction. */
export const transactionConflictCode = 'TransactionConflict';

/** The SDK's name for an error (`TransactionCanceledException`, …), or a Node error code. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && code.startsWith('E')) return code;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The stored item a failed single-item conditional write carries
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), decoded; `undefined` when the error is not a
 * `ConditionalCheckFailedException` or carries no item.
 */
export function conditionFailedItem(error: unknown): Record<string, unknown> | undefined {
  if (awsErrorName(error) !== 'ConditionalCheckFailedException') return undefined;
  return decodeItem((error as { Item?: Record<string, AttributeValue> }).Item);
}

/** One entry of a cancelled transaction's reasons, aligned with the writes sent. */
export interface CancellationReason {
  /** `None`, `ConditionalCheckFailed`, `TransactionConflict`, `ThrottlingError`, … */
  readonly code: string;
  /** The item as it was when its condition failed (only with `ReturnValuesOnConditionCheckFailure: ALL_OLD`). */
  readonly item: Record<string, unknown> | undefined;
}

/**
 * The per-write reasons of a `TransactionCanceledException`, decoded; `undefined` for any other
 * error. DynamoDB evaluates every write's condition and reports each failure.
 */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (awsErrorName(error) !== 'TransactionCanceledException') return undefined;
  const raw = (error as { CancellationReasons?: RawCancellationReason[] }).CancellationReasons ?? [];
  return raw.map((reason) => ({ code: reason.Code ?? 'None', item: decodeItem(reason.Item) }));
}

/** Why `error` is worth retrying, or `undefined` when it is not a transient failure. */
export function transientReason(error: unknown): StoreUnavailableReason | undefined {
  const name = awsErrorName(error);
  const reasonCodes = new Set((cancellationReasons(error) ?? []).map((reason) => reason.code));
  if (name !== undefined && throttlingNames.has(name)) return 'throttled';
  if ([...reasonCodes].some((code) => throttlingNames.has(code))) return 'throttled';
  if (name === 'TransactionConflictException' || reasonCodes.has(transactionConflictCode)) return 'transaction-conflict';
  if (name === 'TransactionInProgressException') return 'transaction-in-progress';
  if (name !== undefined && timeoutNames.has(name)) return 'timeout';
  if ((name !== undefined && unavailableNames.has(name)) || serverFault(error)) return 'unavailable';
  return undefined;
}

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
  const reason = transientReason(error);
  if (reason !== undefined) return new StoreUnavailableError(reason, action, error);
  return new TicketingError('INTERNAL', `The reservation store failed to ${action}`, { cause: error });
}

function serverFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { $fault?: unknown }).$fault === 'server';
}
