import type { SeatPlacement } from './inventory.types';

/** A seat of a row as best-available sees it: where it is, and whether it is free right now. */
export interface BestAvailableCandidate {
  readonly placement: SeatPlacement;
  /** The seat's effective status is AVAILABLE (see `effectiveSeatStatus`). */
  readonly available: boolean;
}

/** Options of {@link chooseBestAvailable}. */
export interface BestAvailableOptions {
  /**
   * Seat ids to treat as unavailable although `available` says otherwise: seats that just lost a
   * race in Redis or DynamoDB, so a retry picks other seats instead of the same ones again.
   */
  readonly exclude?: ReadonlySet<string>;
}

/** A block of `quantity` free adjacent seats in one row, and how it ranks. */
interface Block {
  readonly rank: Rank;
  readonly row: readonly BestAvailableCandidate[];
  readonly startIndex: number;
}

/** How a candidate block ranks; lower is better, compared field by field. */
interface Rank {
  readonly orphans: number;
  readonly rowIndex: number;
  /** Twice the distance from the block's centre to the row's centre (keeps it an integer). */
  readonly centreDistance: number;
  readonly rowOrder: number;
  readonly start: number;
}

/**
 * Picks `quantity` seats for a best-available hold: all in the SAME row and ADJACENT
 * (consecutive `positionInRow`), all available and not excluded. Returns `undefined` when no row
 * has that many adjacent free seats; it never splits a party.
 *
 * Among all possible blocks it takes the best by, in this order:
 * 1. fewest single orphan seats left behind — an orphan is a gap of exactly one free seat
 *    between the block and an unavailable seat, an excluded seat, a gap in positions or the row
 *    end (nobody buys a lone seat, so leaving one loses a sale); 0, else 1, else 2;
 * 2. front-most row (`rowIndex`, 0 = front);
 * 3. closest to the centre of its row (the row's first to last position, sold seats included);
 * 4. earlier row in `rows` (e.g. the earlier section, when several are searched);
 * 5. leftmost, so the choice is deterministic.
 *
 * @param rows rows to search, each in physical order (as `EventLayout.rowsOfSection` gives them).
 * @param quantity seats wanted; a positive integer (already validated against the hold policy).
 *
 * @example
 * const rows = layout.rowsOfSection('A').map((row) =>
 *   row.map((placement) => ({ placement, available: statusOf(placement.seatId) === 'AVAILABLE' })),
 * );
 * chooseBestAvailable(rows, 2, { exclude: new Set(lostSeatIds) });
 */
export function chooseBestAvailable(
  rows: readonly (readonly BestAvailableCandidate[])[],
  quantity: number,
  options: BestAvailableOptions = {},
): SeatPlacement[] | undefined {
  return bestAvailableBlocks(rows, quantity, { exclude: options.exclude, limit: 1 })[0];
}

/**
 * The `limit` best blocks for a best-available hold, best first, ranked as
 * {@link chooseBestAvailable} ranks them (blocks may overlap: seats 4–5 and 5–6 are both blocks).
 * Concurrent requests that all take "the" best block race for the same seats and all but one lose:
 * a caller that can try several blocks at once (the gate's claim-first-free) takes them in order,
 * one that cannot picks among them at random.
 */
export function bestAvailableBlocks(
  rows: readonly (readonly BestAvailableCandidate[])[],
  quantity: number,
  options: { readonly exclude?: ReadonlySet<string> | undefined; readonly limit: number },
): SeatPlacement[][] {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  }
  const exclude = options.exclude ?? new Set<string>();
  const limit = Math.max(1, Math.floor(options.limit));
  // The best `limit` blocks so far, best first: a short sorted list, linear in the seats.
  const best: Block[] = [];

  for (const [rowOrder, row] of rows.entries()) {
    const first = row[0];
    const last = row[row.length - 1];
    if (first === undefined || last === undefined || row.length < quantity) {
      continue;
    }
    const rowCentre = first.placement.positionInRow + last.placement.positionInRow;
    const isFree = (candidate: BestAvailableCandidate) =>
      candidate.available && !exclude.has(candidate.placement.seatId);
    // A position gap (an aisle, a seat missing from the input) ends a run like a taken seat.
    const extendsRun = (current: BestAvailableCandidate | undefined, next: BestAvailableCandidate | undefined) =>
      current !== undefined &&
      next !== undefined &&
      isFree(next) &&
      next.placement.positionInRow === current.placement.positionInRow + 1;

    // Walk maximal runs of free, adjacent seats; every window of `quantity` seats inside a run
    // is a possible block. Linear in the row's length.
    let index = 0;
    while (index < row.length) {
      const runStart = index;
      const startCandidate = row[runStart];
      if (startCandidate === undefined || !isFree(startCandidate)) {
        index += 1;
        continue;
      }
      let runEnd = runStart;
      while (extendsRun(row[runEnd], row[runEnd + 1])) {
        runEnd += 1;
      }
      for (let start = runStart; start + quantity - 1 <= runEnd; start += 1) {
        const end = start + quantity - 1;
        const orphans = (start - runStart === 1 ? 1 : 0) + (runEnd - end === 1 ? 1 : 0);
        const startPosition = row[start]?.placement.positionInRow ?? 0;
        const rank: Rank = {
          orphans,
          rowIndex: first.placement.rowIndex,
          centreDistance: Math.abs(2 * startPosition + quantity - 1 - rowCentre),
          rowOrder,
          start: startPosition,
        };
        keepAmongBest(best, { rank, row, startIndex: start }, limit);
      }
      index = runEnd + 1;
    }
  }

  return best.map((block) => block.row.slice(block.startIndex, block.startIndex + quantity).map((candidate) => candidate.placement));
}

/** Inserts `block` into `best` (sorted, best first) when it ranks among the `size` best. */
function keepAmongBest(best: Block[], block: Block, size: number): void {
  const last = best[best.length - 1];
  if (best.length === size && last !== undefined && !ranksBefore(block.rank, last.rank)) return;
  let index = best.length;
  while (index > 0 && ranksBefore(block.rank, (best[index - 1] as Block).rank)) index -= 1;
  best.splice(index, 0, block);
  if (best.length > size) best.pop();
}

function ranksBefore(a: Rank, b: Rank): boolean {
  return (
    a.orphans - b.orphans ||
    a.rowIndex - b.rowIndex ||
    a.centreDistance - b.centreDistance ||
    a.rowOrder - b.rowOrder ||
    a.start - b.start
  ) < 0;
}
