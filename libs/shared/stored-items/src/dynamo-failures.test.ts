import { describe, expect, it } from 'vitest';
import { cancellationReasons, conditionFailedItem, isConditionalCheckFailure, transientDynamoFailure } from './dynamo-failures';

const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('DynamoDB failure classification', () => {
  it('names transient failures, throttling first, also inside a cancelled transaction', () => {
    expect(transientDynamoFailure(sdkError('ProvisionedThroughputExceededException'))).toBe('throttled');
    expect(transientDynamoFailure(sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] }))).toBe(
      'throttled',
    );
    expect(transientDynamoFailure(sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'TransactionConflict' }] }))).toBe(
      'transaction-conflict',
    );
    expect(transientDynamoFailure(sdkError('TransactionInProgressException'))).toBe('transaction-in-progress');
    expect(transientDynamoFailure(sdkError('TimeoutError'))).toBe('timeout');
    expect(transientDynamoFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
    expect(transientDynamoFailure(sdkError('SomethingElse', { $fault: 'server' }))).toBe('unavailable');
  });

  it('leaves rejected requests and false conditions unclassified', () => {
    expect(transientDynamoFailure(sdkError('ValidationException'))).toBeUndefined();
    expect(transientDynamoFailure(sdkError('ConditionalCheckFailedException'))).toBeUndefined();
    expect(transientDynamoFailure('not an error')).toBeUndefined();
  });

  it('decodes the item a failed condition or a cancelled transaction carries', () => {
    const failed = sdkError('ConditionalCheckFailedException', { Item: { pk: { S: 'EVENT#1' }, lease_until: { N: '42' } } });
    expect(isConditionalCheckFailure(failed)).toBe(true);
    expect(conditionFailedItem(failed)).toEqual({ pk: 'EVENT#1', lease_until: 42 });
    expect(conditionFailedItem(sdkError('ValidationException'))).toBeUndefined();
    const cancelled = sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { status: { S: 'SOLD' } } }, {}] });
    expect(cancellationReasons(cancelled)).toEqual([
      { code: 'ConditionalCheckFailed', item: { status: 'SOLD' } },
      { code: 'None', item: undefined },
    ]);
  });
});
