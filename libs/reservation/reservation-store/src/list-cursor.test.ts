import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor, listCursorPattern } from './list-cursor';

describe('list cursors', () => {
  const sortKey = '2026-03-01T10:00:00.000Z#rsv_01';

  it('round-trip to the start key in the requesting user\'s partition', () => {
    const cursor = encodeListCursor(sortKey);
    expect(cursor).toMatch(new RegExp(listCursorPattern));
    expect(decodeListCursor('user_a', cursor)).toEqual({ pk: 'RESERVATION#rsv_01', sk: 'RESERVATION', gsi1pk: 'USER#user_a', gsi1sk: sortKey });
    expect(decodeListCursor('user_b', cursor)).toMatchObject({ gsi1pk: 'USER#user_b', gsi1sk: sortKey });
  });

  it('turn any value of the documented form into a position, never an error', () => {
    for (const cursor of ['AA', 'zzzzz', '0'.repeat(128), '-_-_']) {
      const key = decodeListCursor('user_a', cursor);
      expect(key.gsi1pk).toBe('USER#user_a');
      expect(key.gsi1sk.length).toBeGreaterThan(0);
      expect(key.pk.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['empty', ''],
    ['one character', 'A'],
    ['not base64url', 'abc+/=='],
    ['too long', 'A'.repeat(129)],
  ])('reject a %s cursor as VALIDATION_FAILED', (_, cursor) => {
    expect(() => decodeListCursor('user_a', cursor)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
