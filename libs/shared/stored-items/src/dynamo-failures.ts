import { decodeItem, type WireAttributeValue } from './attribute-values';

/*
 * What a failed DynamoDB call says, read from the SDK's exceptions by name (so this lib needs no
 * SDK). Each store decides what the classification means for its callers (translateDynamoError
 * in each store); conditional-check outcomes are never classified here: they mean something
 * different for each operation.
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
const transactionConflictCode = 'TransactionConflict';

/** The SDK's name for an error (`TransactionCanceledException`, …), or a Node error code. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof code === 'string' && code.startsWith('E')) return code;
  return typeof name === 'string' ? name : undefined;
}

/** Whether a single-item write was refused by its condition expression. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return awsErrorName(error) === 'ConditionalCheckFailedException';
}

/**
 * The stored item a failed single-item conditional write carries
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), decoded; `undefined` when the error is not a
 * `ConditionalCheckFailedException` or carries no item.
 */
export function conditionFailedItem(error: unknown): Record<string, unknown> | undefined {
  if (!isConditionalCheckFailure(error)) return undefined;
  return decodeItem((error as { Item?: Record<string, WireAttributeValue> }).Item);
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
 * error. DynamoDB evaluates every write's condition and reports each failure, so a caller can see
 * both "seat A-2 is taken" and "the hold record exists" from one cancellation.
 */
export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (awsErrorName(error) !== 'TransactionCanceledException') return undefined;
  const raw = (error as { CancellationReasons?: { Code?: string; Item?: Record<string, WireAttributeValue> }[] }).CancellationReasons ?? [];
  return raw.map((reason) => ({ code: reason.Code ?? 'None', item: decodeItem(reason.Item) }));
}

/** A DynamoDB failure that the same request may get past shortly. */
export type TransientDynamoFailure = 'throttled' | 'transaction-conflict' | 'transaction-in-progress' | 'timeout' | 'unavailable';

/**
 * Why `error` is worth retrying, or `undefined` when it is not a transient failure (a rejected
 * request, a condition that was false, anything unknown). Throttling is looked for first, also
 * among a cancelled transaction's reasons, then conflicts, timeouts and outages.
 */
export function transientDynamoFailure(error: unknown): TransientDynamoFailure | undefined {
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

function serverFault(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { $fault?: unknown }).$fault === 'server';
}
