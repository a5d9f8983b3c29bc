import { describe, expect, it } from 'vitest';
import { assignStorageBlocks } from './storage-blocks';

describe('assignStorageBlocks', () => {
  it('packs consecutive whole rows up to the block size', () => {
    expect(assignStorageBlocks([200, 200, 100, 1], 500)).toEqual([0, 0, 0, 1]);
    expect(assignStorageBlocks([300, 200, 100, 50], 500)).toEqual([0, 0, 1, 1]);
  });

  it('gives a row larger than a block a block of its own', () => {
    expect(assignStorageBlocks([100, 600, 100], 500)).toEqual([0, 1, 2]);
    expect(assignStorageBlocks([600, 700], 500)).toEqual([0, 1]);
  });

  it('puts every row of a small section in one block', () => {
    expect(assignStorageBlocks([10, 10, 10], 500)).toEqual([0, 0, 0]);
  });

  it('rejects a block size that is not a positive integer', () => {
    expect(() => assignStorageBlocks([1], 0)).toThrow(RangeError);
    expect(() => assignStorageBlocks([1], 1.5)).toThrow(RangeError);
  });
});
