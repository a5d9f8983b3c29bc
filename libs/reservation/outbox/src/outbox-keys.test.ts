import { describe, expect, it } from 'vitest';
import { availabilityIndexKey, availableBeforeKey, pendingBucket, pendingBuckets } from './outbox-keys';

describe('outbox keys', () => {
  it('orders index keys by time, then event id', () => {
    const keys = [
      availabilityIndexKey(new Date(1_000), 'evt_b'),
      availabilityIndexKey(new Date(999), 'evt_z'),
      availabilityIndexKey(new Date(1_000), 'evt_a'),
      availabilityIndexKey(new Date(10_000), 'evt_0'),
    ];
    expect([...keys].sort()).toEqual([keys[1], keys[2], keys[0], keys[3]]);
  });

  it('bounds "available at now" to keys at or before now, exactly', () => {
    const now = new Date(1_795_000_000_000);
    const before = availableBeforeKey(now);
    expect(availabilityIndexKey(new Date(now.getTime() - 1), 'evt_1') < before).toBe(true);
    expect(availabilityIndexKey(now, 'evt_zzzz') < before).toBe(true);
    expect(availabilityIndexKey(new Date(now.getTime() + 1), 'evt_0') < before).toBe(false);
  });

  it('spreads events over every bucket, stably', () => {
    const buckets = new Set(Array.from({ length: 200 }, (_, index) => pendingBucket(`evt_${index}`)));
    expect([...buckets].sort()).toEqual(Array.from({ length: pendingBuckets }, (_, bucket) => bucket));
    expect(pendingBucket('evt_42')).toBe(pendingBucket('evt_42'));
  });
});
