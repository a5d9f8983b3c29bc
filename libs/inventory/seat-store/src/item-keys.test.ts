import { describe, expect, it } from 'vitest';
import { activeHoldBucket, activeHoldBuckets, expiryIndexKey, layoutChunkKey, seatKey } from './item-keys';

describe('item keys', () => {
  it('shards seats by event, section and block', () => {
    expect(seatKey('evt_1', { sectionId: 'A', block: 2, seatId: 'A-1-7' })).toEqual({
      pk: 'EVENT#evt_1#SECTION#A#BLOCK#2',
      sk: 'SEAT#A-1-7',
    });
  });

  it('orders expiry keys as time, across digit counts', () => {
    const keys = [new Date(9_999), new Date(10_000), new Date('2026-01-01T00:00:00Z')].map(expiryIndexKey);
    expect(keys.every((key) => key.length === 15)).toBe(true);
    expect([...keys].sort()).toEqual(keys);
  });

  it('orders layout chunks by index', () => {
    expect(layoutChunkKey('evt_1', 7).sk).toBe('LAYOUT#00007');
    expect(layoutChunkKey('evt_1', 10).sk > layoutChunkKey('evt_1', 9).sk).toBe(true);
  });

  it('spreads holds over every bucket, stably', () => {
    const buckets = Array.from({ length: 1_000 }, (_, i) => activeHoldBucket(`rsv_${i}`));
    expect(new Set(buckets).size).toBe(activeHoldBuckets);
    expect(Math.max(...buckets)).toBe(activeHoldBuckets - 1);
    expect(activeHoldBucket('rsv_42')).toBe(activeHoldBucket('rsv_42'));
  });
});
