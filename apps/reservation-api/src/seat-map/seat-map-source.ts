import type { InventoryGateway } from '@ticketing/inventory-contract';
import { SeatFeed } from './seat-feed';
import { seatMapView, type TaggedSeatMap } from './seat-map-view';

/** How the API reads and watches seat maps. */
export interface SeatMapSourceSettings {
  /** Deadline of one GetSeatMap call. */
  readonly deadlineMs: number;
  /** How long one inventory answer serves every GET for the same event and section. */
  readonly reuseMs: number;
  /** How often a watched event's map is read for changes. */
  readonly watchIntervalMs: number;
  /** Changes kept per event for watchers that reconnect with Last-Event-ID. */
  readonly historyDepth: number;
  /** How long a feed outlives its last watcher (a reconnect within it resumes). */
  readonly idleFeedMs: number;
}

/** A watched event: its feed, the timer of its next reading, and since when nobody watches. */
interface FeedEntry {
  readonly feed: Promise<SeatFeed>;
  timer: NodeJS.Timeout | undefined;
  idleSince: number | undefined;
}

/**
 * Seat maps from the inventory, for many readers at once. A 10,000-seat map costs the inventory
 * tens of milliseconds of CPU, and during an on-sale every buyer looks at it:
 *
 * - GETs of the same event (and section) share one inventory call, whose answer is reused for
 *   `reuseMs` (the map is advisory — holds are decided by the inventory anyway);
 * - watchers of an event share one {@link SeatFeed}: one reading every `watchIntervalMs` while
 *   anyone watches, whatever their number, turned into changes for all of them.
 *
 * Reads are not retried on a deadline: retrying an expensive read on a busy inventory only
 * doubles the load.
 */
export class SeatMapSource {
  private readonly recent = new Map<string, { readonly until: number; readonly answer: Promise<TaggedSeatMap> }>();
  private readonly feeds = new Map<string, FeedEntry>();

  constructor(
    private readonly inventory: InventoryGateway,
    private readonly settings: SeatMapSourceSettings,
  ) {}

  /** The map of an event (or one section), at most `reuseMs` old. */
  read(eventId: string, sectionId?: string): Promise<TaggedSeatMap> {
    const key = `${eventId}\u0000${sectionId ?? ''}`;
    const now = Date.now();
    const cached = this.recent.get(key);
    if (cached && cached.until > now) return cached.answer;
    const answer = this.inventory
      .call('getSeatMap', { eventId, sectionId }, { retryable: false, deadlineMs: this.settings.deadlineMs })
      .then((map) => seatMapView(eventId, map));
    this.recent.set(key, { until: now + this.settings.reuseMs, answer });
    answer.catch(() => this.recent.get(key)?.answer === answer && this.recent.delete(key));
    for (const [staleKey, entry] of this.recent) if (entry.until <= now) this.recent.delete(staleKey);
    return answer;
  }

  /**
   * The feed of an event, reading for changes while anyone watches it (its first reading fails as
   * the map would: EVENT_NOT_FOUND, …). Call `watch` on it for each watcher.
   */
  async feed(eventId: string): Promise<SeatFeed> {
    const existing = this.feeds.get(eventId);
    if (existing) return existing.feed;
    const entry: FeedEntry = {
      feed: this.readFresh(eventId).then((first) => new SeatFeed(first, this.settings.historyDepth)),
      timer: undefined,
      idleSince: undefined,
    };
    this.feeds.set(eventId, entry);
    entry.feed.catch(() => this.feeds.get(eventId) === entry && this.feeds.delete(eventId));
    const feed = await entry.feed;
    const poll = async () => {
      if (feed.watchers === 0) {
        entry.idleSince ??= Date.now();
        if (Date.now() - entry.idleSince >= this.settings.idleFeedMs) {
          this.feeds.delete(eventId);
          return;
        }
      } else {
        entry.idleSince = undefined;
        // A failed reading (inventory busy or down) changes nothing: the next one will tell.
        await this.readFresh(eventId).then((next) => feed.update(next), () => undefined);
      }
      entry.timer = setTimeout(() => void poll(), this.settings.watchIntervalMs);
      entry.timer.unref();
    };
    entry.timer ??= setTimeout(() => void poll(), this.settings.watchIntervalMs);
    entry.timer.unref();
    return feed;
  }

  /** Stops every feed (the server is closing). */
  close(): void {
    for (const entry of this.feeds.values()) clearTimeout(entry.timer);
    this.feeds.clear();
  }

  /** A reading for the feed: newer than `reuseMs` allows, so it also refreshes what GETs reuse. */
  private readFresh(eventId: string): Promise<TaggedSeatMap> {
    this.recent.delete(`${eventId}\u0000`);
    return this.read(eventId);
  }
}
