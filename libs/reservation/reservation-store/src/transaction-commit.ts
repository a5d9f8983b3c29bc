import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TicketingError } from '@ticketing/errors';
import { awsErrorName, cancellationReasons, conditionFailedCode, transientDynamoFailure, translateDynamoError } from './dynamo-errors';
import { invalidInput } from './input-checks';
import { backoffDelayMs, type RetryPolicy, sleep } from '@ticketing/stored-items';
import { maxTransactionWrites, type TransactionWrite } from './transaction-write';
import { type FailedWrite, WriteConditionFailedError } from './write-condition-failed.error';
import { describeWrite } from './write-target';

/** Options of one commit. */
export interface CommitOptions {
  /**
   * DynamoDB's own idempotency token (≤ 36 characters, remembered 10 minutes per account and
   * region): the same token with the same writes succeeds again without writing twice, the same
   * token with other writes is rejected. Pass it whenever the commit may be retried after a
   * timeout — e.g. the reservation id for the transaction that creates it. Never reuse one token
   * for two different transactions.
   */
  readonly clientRequestToken?: string;
}

/** DynamoDB's limit on `ClientRequestToken`. */
const maxTokenLength = 36;

/**
 * Sends `writes` as ONE TransactWriteItems — all applied or none — and translates every failure:
 *
 * - a false condition on any write → {@link WriteConditionFailedError} naming each failed write
 *   (by cancellation reason index) with its stored item;
 * - a transaction conflict (another transaction on one of the items at that instant) → sent again,
 *   up to `retry.maxAttempts` calls with jittered backoff (nothing was applied, so this is safe),
 *   then a retryable StoreUnavailableError;
 * - throttling, outages, timeouts → StoreUnavailableError (`retryable: true`);
 * - anything else (e.g. two writes on one item, a reused token with other writes) → INTERNAL.
 */
export async function commitTransaction(
  documents: DynamoDBDocumentClient,
  writes: readonly TransactionWrite[],
  options: CommitOptions,
  retry: RetryPolicy,
): Promise<void> {
  assertCommittable(writes, options);
  const action = `commit ${writes.length} write(s)`;
  for (let attempt = 1; ; attempt++) {
    try {
      await documents.send(
        new TransactWriteCommand({ TransactItems: [...writes], ClientRequestToken: options.clientRequestToken }),
      );
      return;
    } catch (error) {
      const failed = failedWrites(error, writes);
      if (failed.length > 0) throw new WriteConditionFailedError(failed, error);
      if (transientDynamoFailure(error) === 'transaction-conflict' && attempt < retry.maxAttempts) {
        await sleep(backoffDelayMs(attempt, retry));
        continue;
      }
      if (awsErrorName(error) === 'IdempotentParameterMismatchException') {
        throw new TicketingError('INTERNAL', 'A transaction token was reused for different writes', { cause: error });
      }
      throw translateDynamoError(error, action);
    }
  }
}

function failedWrites(error: unknown, writes: readonly TransactionWrite[]): FailedWrite[] {
  const reasons = cancellationReasons(error) ?? [];
  return reasons.flatMap((reason, index) => {
    const write = writes[index];
    if (reason.code !== conditionFailedCode || write === undefined) return [];
    return [{ index, ...describeWrite(write), storedItem: reason.item }];
  });
}

function assertCommittable(writes: readonly TransactionWrite[], options: CommitOptions): void {
  if (writes.length === 0 || writes.length > maxTransactionWrites) {
    throw invalidInput('writes', `must hold 1 to ${maxTransactionWrites} writes, not ${writes.length}`);
  }
  const token = options.clientRequestToken;
  if (token !== undefined && (token.length === 0 || token.length > maxTokenLength)) {
    throw invalidInput('clientRequestToken', `must be 1 to ${maxTokenLength} characters`);
  }
}
