import { TicketingError } from '@ticketing/errors';
import { describe, expect, it } from 'vitest';
import { cancellationReasons, conditionFailedItem, translateDynamoError } from './dynamo-errors';
import { StoreUnavailableError } from './store-unavailable.error';

/** An error shaped as the AWS SDK v3 throws them (name, $fault, extra fields). */
function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} from DynamoDB`), { name, $fault: 'client', ...extra });
}

describe('translateDynamoError', () => {
  it.each([
    ['ProvisionedThroughputExceededException', 'UPSTREAM_UNAVAILABLE', 'throttled'],
    ['ThrottlingException', 'UPSTREAM_UNAVAILABLE', 'throttled'],
    ['RequestLimitExceeded', 'UPSTREAM_UNAVAILABLE', 'throttled'],
    ['TransactionConflictException', 'UPSTREAM_UNAVAILABLE', 'transaction-conflict'],
    ['TransactionInProgressException', 'UPSTREAM_UNAVAILABLE', 'transaction-in-progress'],
    ['InternalServerError', 'UPSTREAM_UNAVAILABLE', 'unavailable'],
    ['TimeoutError', 'UPSTREAM_TIMEOUT', 'timeout'],
  ])('turns %s into a retryable %s (%s), keeping the SDK error as cause only', (name, code, reason) => {
    const cause = sdkError(name);
    const translated = translateDynamoError(cause, 'commit 2 write(s)');
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect(translated).toMatchObject({ code, reason, retryable: true, details: { reason } });
    expect(translated.cause).toBe(cause);
    expect(translated.message).not.toContain('DynamoDB');
  });

  it.each(['ValidationException', 'ResourceNotFoundException', 'AccessDeniedException'])('turns %s into INTERNAL', (name) => {
    const translated = translateDynamoError(sdkError(name), 'x');
    expect(translated).not.toBeInstanceOf(StoreUnavailableError);
    expect(translated.code).toBe('INTERNAL');
  });

  it('classifies a cancelled transaction by its reasons, decoding the ALL_OLD item', () => {
    const cancelled = sdkError('TransactionCanceledException', {
      CancellationReasons: [
        { Code: 'None' },
        { Code: 'TransactionConflict' },
        { Code: 'ConditionalCheckFailed', Item: { status: { S: 'HOLD' }, version: { N: '3' }, tags: { L: [{ BOOL: true }] } } },
      ],
    });
    expect(cancellationReasons(cancelled)).toEqual([
      { code: 'None', item: undefined },
      { code: 'TransactionConflict', item: undefined },
      { code: 'ConditionalCheckFailed', item: { status: 'HOLD', version: 3, tags: [true] } },
    ]);
    expect(translateDynamoError(cancelled, 'x')).toMatchObject({ reason: 'transaction-conflict' });
    const throttled = sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ThrottlingError' }] });
    expect(translateDynamoError(throttled, 'x')).toMatchObject({ reason: 'throttled' });
  });

  it('decodes the item a failed conditional put carries', () => {
    const failed = sdkError('ConditionalCheckFailedException', { Item: { status: { S: 'COMPLETED' } } });
    expect(conditionFailedItem(failed)).toEqual({ status: 'COMPLETED' });
    expect(conditionFailedItem(sdkError('ValidationException'))).toBeUndefined();
  });

  it('treats network failures as unavailable and passes TicketingErrors through', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    expect(translateDynamoError(refused, 'x')).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'unavailable' });
    const own = new TicketingError('NOT_FOUND', 'gone');
    expect(translateDynamoError(own, 'x')).toBe(own);
  });
});
