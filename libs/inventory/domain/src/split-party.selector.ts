import type { BestAvailableCandidate } from './best-available.selector';
import type { SeatPlacement } from './inventory.types';

/** How a split block ranks; lower is better, compared field by field. */
interface SplitRank {
  /** The front row of the two. */
  readonly rowIndex: number;
  /** How uneven the split is: |front − back| seats. */
  readonly imbalance: number;
  /** Twice the horizontal distance between the two halves' centres (the party sits together). */
  readonly offset: number;
  /** Twice the distance from the front half's centre to its row's centre. */
  readonly centreDistance: number;
  readonly frontStart: number;
}

/**
 * Blocks for a party that no single row can seat: `quantity` seats as two runs of adjacent free
 * seats in two adjacent rows (consecutive `rowIndex`) of the given rows — front and back — whose
 * columns overlap, so the party still sits together. The `limit` best, best first: front rows
 * first, then the most even split, then the halves most nearly one behind the other, then near the
 * row's centre. Every split a + b = quantity with a, b ≥ 1 is considered.
 *
 * @param rows rows of ONE section, each in physical order (as `EventLayout.rowsOfSection` gives them).
 */
export function splitPartyBlocks(
  rows: readonly (readonly BestAvailableCandidate[])[],
  quantity: number,
  options: { readonly exclude?: ReadonlySet<string> | undefined; readonly limit: number },
): SeatPlacement[][] {
  if (!Number.isSafeInteger(quantity) || quantity < 2) return [];
  const exclude = options.exclude ?? new Set<string>();
  const isFree = (candidate: BestAvailableCandidate) => candidate.available && !exclude.has(candidate.placement.seatId);
  const ordered = [...rows].filter((row) => row.length > 0).sort((a, b) => (a[0]?.placement.rowIndex ?? 0) - (b[0]?.placement.rowIndex ?? 0));
  const found: { rank: SplitRank; seats: SeatPlacement[] }[] = [];

  for (let index = 0; index + 1 < ordered.length; index += 1) {
    const front = ordered[index] as readonly BestAvailableCandidate[];
    const back = ordered[index + 1] as readonly BestAvailableCandidate[];
    const frontRow = front[0]?.placement.rowIndex ?? 0;
    if ((back[0]?.placement.rowIndex ?? 0) !== frontRow + 1) continue;
    const rowCentre = (front[0]?.placement.positionInRow ?? 0) + (front[front.length - 1]?.placement.positionInRow ?? 0);
    for (let inFront = quantity - 1; inFront >= 1; inFront -= 1) {
      const inBack = quantity - inFront;
      for (const frontRun of runsOf(front, inFront, isFree)) {
        for (const backRun of runsOf(back, inBack, isFree)) {
          const overlap =
            Math.min(frontRun.last, backRun.last) - Math.max(frontRun.first, backRun.first) >= 0;
          if (!overlap) continue;
          found.push({
            rank: {
              rowIndex: frontRow,
              imbalance: Math.abs(inFront - inBack),
              offset: Math.abs(frontRun.first + frontRun.last - (backRun.first + backRun.last)),
              centreDistance: Math.abs(frontRun.first + frontRun.last - rowCentre),
              frontStart: frontRun.first,
            },
            seats: [...frontRun.seats, ...backRun.seats],
          });
        }
      }
    }
  }
  found.sort((a, b) => compare(a.rank, b.rank));
  return found.slice(0, Math.max(1, Math.floor(options.limit))).map((block) => block.seats);
}

/** Every window of `size` free seats with consecutive positions in `row`. */
function runsOf(
  row: readonly BestAvailableCandidate[],
  size: number,
  isFree: (candidate: BestAvailableCandidate) => boolean,
): { first: number; last: number; seats: SeatPlacement[] }[] {
  const windows: { first: number; last: number; seats: SeatPlacement[] }[] = [];
  for (let start = 0; start + size <= row.length; start += 1) {
    const window = row.slice(start, start + size);
    const adjacent = window.every(
      (candidate, offset) => isFree(candidate) && candidate.placement.positionInRow === (window[0]?.placement.positionInRow ?? 0) + offset,
    );
    if (adjacent) {
      windows.push({
        first: window[0]?.placement.positionInRow ?? 0,
        last: window[window.length - 1]?.placement.positionInRow ?? 0,
        seats: window.map((candidate) => candidate.placement),
      });
    }
  }
  return windows;
}

function compare(a: SplitRank, b: SplitRank): number {
  return (
    a.rowIndex - b.rowIndex ||
    a.imbalance - b.imbalance ||
    a.offset - b.offset ||
    a.centreDistance - b.centreDistance ||
    a.frontStart - b.frontStart
  );
}
