import type { SeatStatusName, SectionCountsView, TaggedSeatMap } from './seat-map-view';

/** What changed on an event's seat map between two versions. */
export interface SeatChanges {
  /** The version this brings a watcher to; the stream's event id. */
  readonly version: number;
  /** Every seat whose status changed, with its new status. */
  readonly seats: readonly { readonly seat_id: string; readonly status: SeatStatusName }[];
  /** The counts of every section, when any changed. */
  readonly sections: readonly SectionCountsView[];
  readonly as_of: string;
}

/**
 * One event's seat map as watchers see it: the current map with its version, and the last
 * `historyDepth` changes, so a watcher that reconnects with `Last-Event-ID` gets what it missed
 * instead of a whole new map. Versions rise with every change, and start from the map's clock
 * (`as_of` in ms), so a version from another replica or an earlier process is never mistaken for
 * one of this feed's.
 */
export class SeatFeed {
  private current: TaggedSeatMap;
  private statuses: Map<string, SeatStatusName>;
  private versionNumber: number;
  /** The changes kept, oldest first, and the version just before the oldest of them. */
  private readonly history: SeatChanges[] = [];
  private historyBase: number;
  private readonly listeners = new Set<(changes: SeatChanges) => void>();

  constructor(
    first: TaggedSeatMap,
    private readonly historyDepth: number,
  ) {
    this.current = first;
    this.statuses = statusesOf(first);
    this.versionNumber = Date.parse(first.map.as_of);
    this.historyBase = this.versionNumber;
  }

  get version(): number {
    return this.versionNumber;
  }

  get map(): TaggedSeatMap {
    return this.current;
  }

  get watchers(): number {
    return this.listeners.size;
  }

  /** The changes after `version`, oldest first; undefined when they are no longer all kept (send the map instead). */
  since(version: number): readonly SeatChanges[] | undefined {
    const known = version === this.historyBase || this.history.some((changes) => changes.version === version);
    return known ? this.history.filter((changes) => changes.version > version) : undefined;
  }

  /** Calls `listener` with every later change until the returned function is called. */
  subscribe(listener: (changes: SeatChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A newer reading of the map: what changed becomes the next version, told to every watcher. */
  update(next: TaggedSeatMap): void {
    if (next.etag === this.current.etag) {
      this.current = next;
      return;
    }
    const nextStatuses = statusesOf(next);
    const seats = [...nextStatuses]
      .filter(([seatId, status]) => this.statuses.get(seatId) !== status)
      .map(([seatId, status]) => ({ seat_id: seatId, status }));
    this.versionNumber = Math.max(this.versionNumber + 1, Date.parse(next.map.as_of));
    const changes: SeatChanges = { version: this.versionNumber, seats, sections: next.map.sections, as_of: next.map.as_of };
    this.current = next;
    this.statuses = nextStatuses;
    this.history.push(changes);
    if (this.history.length > this.historyDepth) this.historyBase = this.history.shift()?.version ?? this.historyBase;
    for (const listener of this.listeners) listener(changes);
  }
}

function statusesOf(tagged: TaggedSeatMap): Map<string, SeatStatusName> {
  return new Map(tagged.map.seats.map((seat) => [seat.seat_id, seat.status]));
}
