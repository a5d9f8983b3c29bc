/** Default most seats one storage block holds (see {@link assignStorageBlocks}). */
export const defaultMaxSeatsPerBlock = 500;

/**
 * Assigns a section's rows to storage blocks: runs of consecutive whole rows with at most
 * `maxSeatsPerBlock` seats, except that a row larger than that on its own is a block by itself.
 * Blocks are the seat store's shards (DESIGN.md "Hot partitions"): a burst on one section spreads
 * over several DynamoDB partitions, while a row is never split, so the adjacent seats of one
 * best-available pick always live in one block.
 *
 * Greedy, front row first: a row joins the current block when it still fits, else opens the next.
 *
 * @param rowSeatCounts seats of each row, front to back.
 * @returns the block number (0-based, per section) of each row.
 *
 * @example
 * assignStorageBlocks([300, 200, 100, 600, 50], 500) // [0, 0, 1, 2, 3]
 */
export function assignStorageBlocks(rowSeatCounts: readonly number[], maxSeatsPerBlock: number): number[] {
  if (!Number.isSafeInteger(maxSeatsPerBlock) || maxSeatsPerBlock < 1) {
    throw new RangeError(`maxSeatsPerBlock must be a positive integer, got ${maxSeatsPerBlock}`);
  }
  const blocks: number[] = [];
  let block = 0;
  let seatsInBlock = 0;
  for (const seats of rowSeatCounts) {
    if (seatsInBlock > 0 && seatsInBlock + seats > maxSeatsPerBlock) {
      block += 1;
      seatsInBlock = 0;
    }
    blocks.push(block);
    seatsInBlock += seats;
  }
  return blocks;
}
