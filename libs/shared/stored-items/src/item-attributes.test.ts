import { TicketingError } from '@ticketing/errors';
import { describe, expect, it } from 'vitest';
import { decodeItem } from './attribute-values';
import { dateAttribute, enumAttribute, jsonAttribute, numberAttribute, optionalDateAttribute, stringAttribute } from './item-attributes';

const item = { pk: 'HOLD#h1', sk: 'HOLD', status: 'ACTIVE', version: 3, expires_at: 1_000, seats: '["A-1"]', bad: '{' };

describe('typed attribute reads', () => {
  it('read what the item has', () => {
    expect(stringAttribute(item, 'status')).toBe('ACTIVE');
    expect(numberAttribute(item, 'version')).toBe(3);
    expect(dateAttribute(item, 'expires_at')).toEqual(new Date(1_000));
    expect(optionalDateAttribute(item, 'missing')).toBeUndefined();
    expect(enumAttribute(item, 'status', ['ACTIVE', 'EXPIRED'])).toBe('ACTIVE');
    expect(jsonAttribute(item, 'seats')).toEqual(['A-1']);
  });

  it('report a missing, mistyped or malformed attribute as INTERNAL naming it', () => {
    for (const read of [
      () => stringAttribute(item, 'version'),
      () => numberAttribute(item, 'status'),
      () => enumAttribute(item, 'status', ['RELEASED']),
      () => jsonAttribute(item, 'bad'),
    ]) {
      expect(read).toThrow(TicketingError);
    }
    expect(() => numberAttribute(item, 'missing')).toThrow(/HOLD#h1\/HOLD has no number "missing"/);
  });
});

describe('decodeItem', () => {
  it('turns a wire-format item into plain values', () => {
    expect(
      decodeItem({ pk: { S: 'a' }, n: { N: '42' }, ok: { BOOL: true }, none: { NULL: true }, list: { L: [{ S: 'x' }] }, map: { M: { y: { N: '1' } } } }),
    ).toEqual({ pk: 'a', n: 42, ok: true, none: null, list: ['x'], map: { y: 1 } });
    expect(decodeItem(undefined)).toBeUndefined();
  });
});
