import { TicketingError } from '@ticketing/errors';
import { describe, expect, it } from 'vitest';
import { cancellationReasons, translateDynamoError } from './dynamo-errors';

/** An error shaped as the AWS SDK v3 throws them (name, $fault, extra fields). */
function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} from DynamoDB`), { name, $fault: 'client', ...extra });
}

describe('translateDynamoError', () => {
  it.each([
    ['ProvisionedThroughputExceededException', 'INVENTORY_THROTTLED'],
    ['ThrottlingException', 'INVENTORY_THROTTLED'],
    ['RequestLimitExceeded', 'INVENTORY_THROTTLED'],
    ['TransactionConflictException', 'INVENTORY_CONTENDED'],
    ['TransactionInProgressException', 'INVENTORY_CONTENDED'],
    ['TimeoutError', 'UPSTREAM_TIMEOUT'],
    ['InternalServerError', 'UPSTREAM_UNAVAILABLE'],
    ['ValidationException', 'INTERNAL'],
    ['ResourceNotFoundException', 'INTERNAL'],
  ])('turns %s into %s, keeping the SDK error as cause and out of the message', (name, code) => {
    const cause = sdkError(name);
    const translated = translateDynamoError(cause, 'place hold rsv_1');
    expect(translated).toBeInstanceOf(TicketingError);
    expect(translated.code).toBe(code);
    expect(translated.cause).toBe(cause);
    expect(translated.message).not.toContain('DynamoDB');
  });

  it('reads cancellation reasons, decoding the ALL_OLD item, and classifies leftovers by them', () => {
    const cancelled = sdkError('TransactionCanceledException', {
      CancellationReasons: [
        { Code: 'None' },
        { Code: 'TransactionConflict' },
        { Code: 'ConditionalCheckFailed', Item: { seat_id: { S: 'A-1' }, version: { N: '3' }, tags: { L: [{ BOOL: true }] } } },
      ],
    });
    expect(cancellationReasons(cancelled)).toEqual([
      { code: 'None', item: undefined },
      { code: 'TransactionConflict', item: undefined },
      { code: 'ConditionalCheckFailed', item: { seat_id: 'A-1', version: 3, tags: [true] } },
    ]);
    expect(translateDynamoError(cancelled, 'x').code).toBe('INVENTORY_CONTENDED');
    const throttled = sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ThrottlingError' }] });
    expect(translateDynamoError(throttled, 'x').code).toBe('INVENTORY_THROTTLED');
  });

  it('treats network failures as UPSTREAM_UNAVAILABLE and passes TicketingErrors through', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    expect(translateDynamoError(refused, 'x').code).toBe('UPSTREAM_UNAVAILABLE');
    const own = new TicketingError('HOLD_EXPIRED', 'expired');
    expect(translateDynamoError(own, 'x')).toBe(own);
  });
});
