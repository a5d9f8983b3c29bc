import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from './consumer-pool';

describe('splitIntoBatches', () => {
  it.each([
    [25, 10, [10, 10, 5]],
    [1, 10, [1]],
    [50, 10, [10, 10, 10, 10, 10]],
    [10, 10, [10]],
    [3, 1, [1, 1, 1]],
    [7, 3, [3, 3, 1]],
  ])('splits concurrency %i into receives of at most %i: %j', (concurrency, batchSize, expected) => {
    const sizes = splitIntoBatches(concurrency, batchSize);

    expect(sizes).toEqual(expected);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(concurrency);
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects concurrency %s', (concurrency) => {
    expect(() => splitIntoBatches(concurrency, 10)).toThrow(RangeError);
  });

  it.each([0, -1, 11, 1.5, Number.NaN])('rejects batchSize %s (SQS receives 1–10)', (batchSize) => {
    expect(() => splitIntoBatches(10, batchSize)).toThrow(RangeError);
  });
});
