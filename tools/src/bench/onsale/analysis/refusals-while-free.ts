import { countBy } from '../../shared/numbers';
import type { RecordedChange, RefusedPost, SnapshotSeat } from '../scenarios/onsale-scenario-plan';
import { longestFreeRun, rowsOf, type MapSeat } from '../seat-rows';

/** How many refusals came while the request could have been met, as far as the seat stream tells. */
export interface RefusalsWhileFree {
  readonly method: string;
  readonly refused: number;
  readonly whileFree: number;
  /** Refusals by error code, and the ones while free by code. */
  readonly byCode: Readonly<Record<string, number>>;
  readonly whileFreeByCode: Readonly<Record<string, number>>;
  /** A few of them, to look at. */
  readonly samples: readonly RefusedPost[];
}

export const refusalsWhileFreeMethod =
  'an estimate from the seat stream the recorder watched (the snapshot plus every change, each as of its reading): a refusal ' +
  'counts when seats that met its request were AVAILABLE in every reading from the last one before the request was sent to ' +
  'the first one at or after its answer (the final map when none came after) — for a seat-map request its seats, for a ' +
  'best-available one `qty` adjacent seats in one row (of its section, if named). The readings come every 0.5 s: a seat ' +
  'taken and freed again between two of them cannot be seen.';

/** A seat of the map: its row position, whether it is free, and the last change that touched it. */
interface StateSeat {
  readonly seatId: string;
  readonly number: number;
  available: boolean;
  /** How many changes had been applied when this seat last changed (0: as in the snapshot). */
  changedAt: number;
}

/** The map as of some reading: every seat's status, rows in order, and the longest free run per row (cached). */
class MapState {
  private readonly seats = new Map<string, StateSeat>();
  private readonly rowOfSeat = new Map<string, string>();
  private readonly rows = new Map<string, StateSeat[]>();
  private readonly rowsOfSection = new Map<string, string[]>();
  private readonly longest = new Map<string, number>();
  private readonly dirty = new Set<string>();
  /** Changes applied so far. */
  applied = 0;

  constructor(snapshot: readonly SnapshotSeat[]) {
    const placed = snapshot.map(([seatId, sectionId, rowId, number, status]) => ({
      key: `${sectionId}\u0000${rowId}`,
      sectionId,
      number,
      seat: { seatId, number, available: status === 'AVAILABLE', changedAt: 0 },
    }));
    for (const [key, row] of rowsOf(placed, (entry) => entry.key)) {
      this.rows.set(key, row.map((entry) => entry.seat));
      const sectionId = row[0]?.sectionId ?? '';
      this.rowsOfSection.set(sectionId, [...(this.rowsOfSection.get(sectionId) ?? []), key]);
      for (const entry of row) {
        this.seats.set(entry.seat.seatId, entry.seat);
        this.rowOfSeat.set(entry.seat.seatId, key);
      }
      this.dirty.add(key);
    }
  }

  apply(change: RecordedChange): void {
    this.applied += 1;
    for (const [seatId, status] of change.seats) {
      const seat = this.seats.get(seatId);
      const key = this.rowOfSeat.get(seatId);
      if (!seat || key === undefined) continue;
      seat.available = status === 'AVAILABLE';
      seat.changedAt = this.applied;
      this.dirty.add(key);
    }
  }

  /**
   * Whether the request could be met now; with `unchangedSince`, only by seats no change touched
   * after that many changes had been applied (free in every reading since).
   */
  couldMeet(refusal: RefusedPost, unchangedSince?: number): boolean {
    const free = (seat: StateSeat | undefined) => seat !== undefined && seat.available && (unchangedSince === undefined || seat.changedAt <= unchangedSince);
    if (refusal.seatIds) return refusal.seatIds.every((seatId) => free(this.seats.get(seatId)));
    const keys = refusal.sectionId === undefined ? [...this.rows.keys()] : (this.rowsOfSection.get(refusal.sectionId) ?? []);
    return keys.some((key) => {
      if (this.longestRun(key) < refusal.qty) return false;
      const row = this.rows.get(key) ?? [];
      return unchangedSince === undefined || longestFreeRun(row.map((seat) => ({ ...seat, available: free(seat) }))) >= refusal.qty;
    });
  }

  private longestRun(key: string): number {
    if (this.dirty.delete(key)) this.longest.set(key, longestFreeRun(this.rows.get(key) as MapSeat[]));
    return this.longest.get(key) ?? 0;
  }
}

/**
 * Judges every refused POST against the seat stream (see {@link refusalsWhileFreeMethod}): one
 * sweep through the changes in the order of their readings.
 */
export function refusalsWhileFree(
  snapshot: { readonly asOf: number; readonly seats: readonly SnapshotSeat[] },
  changes: readonly RecordedChange[],
  refused: readonly RefusedPost[],
): RefusalsWhileFree {
  const ordered = [...changes].sort((a, b) => a.asOf - b.asOf || a.version - b.version);
  const asOfs = ordered.map((change) => change.asOf);
  /** How many changes are in the map as of `at` (readings at or before it). */
  const appliedBy = (at: number) => upperBound(asOfs, at);
  /** How many changes are in the first reading at or after `at` (all of them when none came after). */
  const appliedAtNextReading = (at: number) => {
    const first = lowerBound(asOfs, at);
    return first < ordered.length ? first + 1 : ordered.length;
  };
  // Each refusal is looked at twice: as of the reading before it (could it be met?), then as of
  // the reading after it (could it still, with seats that stayed free all along?).
  const queries = refused.flatMap((refusal, index) => [
    { index, applied: appliedBy(refusal.sentAt), after: false },
    { index, applied: appliedAtNextReading(refusal.answeredAt), after: true },
  ]);
  queries.sort((a, b) => a.applied - b.applied || Number(a.after) - Number(b.after));
  const state = new MapState(snapshot.seats);
  /** Per refusal: the changes applied at its reading before, when it could be met then. */
  const metBefore = new Map<number, number>();
  const whileFreeIndexes = new Set<number>();
  for (const query of queries) {
    while (state.applied < query.applied) state.apply(ordered[state.applied] as RecordedChange);
    const refusal = refused[query.index] as RefusedPost;
    if (!query.after) {
      if (state.couldMeet(refusal)) metBefore.set(query.index, query.applied);
    } else {
      const since = metBefore.get(query.index);
      if (since !== undefined && state.couldMeet(refusal, since)) whileFreeIndexes.add(query.index);
    }
  }
  const whileFree = refused.filter((_, index) => whileFreeIndexes.has(index));
  return {
    method: refusalsWhileFreeMethod,
    refused: refused.length,
    whileFree: whileFree.length,
    byCode: countBy(refused, (refusal) => refusal.code),
    whileFreeByCode: countBy(whileFree, (refusal) => `${refusal.code} (${refusal.seatIds ? 'seat ids' : 'qty'})`),
    samples: whileFree.slice(0, 5),
  };
}

/** Index of the first value > `at` in ascending `values`. */
function upperBound(values: readonly number[], at: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first value ≥ `at` in ascending `values`. */
function lowerBound(values: readonly number[], at: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}
