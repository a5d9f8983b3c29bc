import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor } from './list-cursor';

describe('list cursors', () => {
  const sortKey = '2026-03-01T10:00:00.000Z#rsv_01';

  it('round-trip to the start key of the same user', () => {
    const cursor = encodeListCursor('user_a', sortKey);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor('user_a', cursor)).toEqual({
      pk: 'RESERVATION#rsv_01',
      sk: 'RESERVATION',
      gsi1pk: 'USER#user_a',
      gsi1sk: sortKey,
    });
  });

  it("reject another user's cursor", () => {
    const cursor = encodeListCursor('user_a', sortKey);
    expect(() => decodeListCursor('user_b', cursor)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/=='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong version', Buffer.from(JSON.stringify({ v: 2, u: 'user_a', s: sortKey })).toString('base64url')],
    ['bad sort key', Buffer.from(JSON.stringify({ v: 1, u: 'user_a', s: 'USER#user_b' })).toString('base64url')],
    ['huge', 'A'.repeat(5000)],
  ])('reject a %s cursor as VALIDATION_FAILED', (_, cursor) => {
    expect(() => decodeListCursor('user_a', cursor)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
