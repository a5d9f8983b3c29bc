import { describe, expect, it } from 'vitest';
import { hashTaggedKey } from './hash-tagged-key';
import { InvalidRedisKeyError } from './redis.errors';

describe('hashTaggedKey', () => {
  it('puts the tag in braces before the parts', () => {
    expect(hashTaggedKey('evt_1:A', 'seat', 'A-12')).toBe('{evt_1:A}:seat:A-12');
    expect(hashTaggedKey('evt_1:A')).toBe('{evt_1:A}');
  });

  it('rejects tags that would not decide the slot', () => {
    expect(() => hashTaggedKey('')).toThrow(InvalidRedisKeyError);
    expect(() => hashTaggedKey('evt}1')).toThrow(InvalidRedisKeyError);
    expect(() => hashTaggedKey('{evt_1}')).toThrow(InvalidRedisKeyError);
  });
});
