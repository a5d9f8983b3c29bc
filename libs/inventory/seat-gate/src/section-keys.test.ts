import { describe, expect, it } from 'vitest';
import { InvalidSeatGateArgumentError } from './seat-gate.errors';
import { assertTtlMs, sectionKeys } from './section-keys';

describe('sectionKeys', () => {
  it('puts every key of a section behind one hash tag', () => {
    const keys = sectionKeys('p-', 'evt_1', 'A');
    expect(keys.seat('A-12')).toBe('p-{evt_1:A}:seat:A-12');
    expect(keys.view).toBe('p-{evt_1:A}:view');
    expect(keys.viewReady).toBe('p-{evt_1:A}:view:ready');
  });

  it('encodes braces, colons and percent signs so the tag stays whole and unambiguous', () => {
    expect(sectionKeys('', 'a:b', 'c').seat('1')).toBe('{a%3Ab:c}:seat:1');
    expect(sectionKeys('', 'a', 'b:c').seat('1')).toBe('{a:b%3Ac}:seat:1');
    expect(sectionKeys('', 'e}', '{s%').view).toBe('{e%7D:%7Bs%25}:view');
  });

  it('lets the seat id hold anything, since it follows the tag', () => {
    expect(sectionKeys('', 'evt_1', 'A').seat('{x}')).toBe('{evt_1:A}:seat:{x}');
  });

  it('rejects a prefix with a brace and empty ids', () => {
    expect(() => sectionKeys('p{', 'evt_1', 'A')).toThrow(InvalidSeatGateArgumentError);
    expect(() => sectionKeys('', '', 'A')).toThrow(InvalidSeatGateArgumentError);
    expect(() => sectionKeys('', 'evt_1', '')).toThrow(InvalidSeatGateArgumentError);
  });
});

describe('assertTtlMs', () => {
  it('accepts positive integers only', () => {
    expect(() => assertTtlMs('ttlMs', 1)).not.toThrow();
    for (const bad of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => assertTtlMs('ttlMs', bad)).toThrow(InvalidSeatGateArgumentError);
    }
  });
});
