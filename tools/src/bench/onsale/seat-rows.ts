/** A seat as a buyer (or the refusal estimate) sees it on the map: where it sits and whether it is free. */
export interface MapSeat {
  readonly seatId: string;
  readonly number: number;
  readonly available: boolean;
}

/**
 * Every block of `qty` free seats side by side (consecutive numbers) in one row, front to back
 * within the row's order as given (left to right). Overlapping blocks are all listed.
 */
export function freeBlocks(row: readonly MapSeat[], qty: number): string[][] {
  const blocks: string[][] = [];
  let runStart = 0;
  for (let index = 0; index < row.length; index += 1) {
    const seat = row[index];
    const previous = row[index - 1];
    if (!seat?.available) {
      runStart = index + 1;
      continue;
    }
    if (previous && (!previous.available || previous.number + 1 !== seat.number)) runStart = index;
    if (index - runStart + 1 >= qty) blocks.push(row.slice(index - qty + 1, index + 1).map((free) => free.seatId));
  }
  return blocks;
}

/** The longest run of free seats side by side in a row (what the largest party it can seat is). */
export function longestFreeRun(row: readonly MapSeat[]): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < row.length; index += 1) {
    const seat = row[index];
    const previous = row[index - 1];
    if (!seat?.available) run = 0;
    else run = previous?.available && previous.number + 1 === seat.number ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Seats grouped into rows (by section and row, in the order first seen), each row by seat number. */
export function rowsOf<Seat extends { readonly number: number }>(
  seats: readonly Seat[],
  rowKey: (seat: Seat) => string,
): Map<string, Seat[]> {
  const rows = new Map<string, Seat[]>();
  for (const seat of seats) {
    const key = rowKey(seat);
    const row = rows.get(key);
    if (row) row.push(seat);
    else rows.set(key, [seat]);
  }
  for (const row of rows.values()) row.sort((a, b) => a.number - b.number);
  return rows;
}
