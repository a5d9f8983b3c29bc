import { TicketingError } from '@ticketing/errors';

/*
 * The one place where DynamoDB SDK exceptions become catalogue errors, so none leaks out of the
 * store. Every translation keeps the SDK error as `cause` (for logs), never in the message.
 * Conditional-check failures are not errors here: each operation decides what they mean first.
 */

/** Throttling, server faults and network failures: the request may or may not have been applied. */
const unavailableNames: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
]);

const timeoutNames: ReadonlySet<string> = new Set(['TimeoutError', 'AbortError', 'ETIMEDOUT', 'RequestTimeout']);

/** The SDK's name for an error (`ConditionalCheckFailedException`, …), or a Node error code. */
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
 * Translates a failed DynamoDB call into a {@link TicketingError}: throttling, outages and network
 * failures → UPSTREAM_UNAVAILABLE, timeouts → UPSTREAM_TIMEOUT, anything else (a rejected request
 * is a bug of this store) → INTERNAL. A TicketingError passes through unchanged.
 *
 * @param action what the store was doing, for the message: `"lease outbox item evt_1"`.
 */
export function translateDynamoError(error: unknown, action: string): TicketingError {
  if (error instanceof TicketingError) return error;
  const name = awsErrorName(error);
  if (name !== undefined && timeoutNames.has(name)) {
    return new TicketingError('UPSTREAM_TIMEOUT', `The outbox table did not answer in time to ${action}`, { cause: error });
  }
  const serverFault = typeof error === 'object' && error !== null && (error as { $fault?: unknown }).$fault === 'server';
  if ((name !== undefined && unavailableNames.has(name)) || serverFault) {
    return new TicketingError('UPSTREAM_UNAVAILABLE', `The outbox table is unavailable to ${action}`, { cause: error });
  }
  return new TicketingError('INTERNAL', `The outbox store failed to ${action}`, { cause: error });
}
