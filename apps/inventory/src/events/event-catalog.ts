import type { EventLayout, StoredEvent } from '@ticketing/inventory-domain';
import { eventNotFound } from '@ticketing/inventory-domain';
import type { EventStore } from '@ticketing/inventory-seat-store';

/** An event and its immutable layout, as every seat operation needs them. */
export interface CatalogEntry {
  readonly event: StoredEvent;
  readonly layout: EventLayout;
}

/**
 * Keeps the layouts of recently used events in memory. A layout never changes once an event is
 * created, so caching it is always correct; only seat *statuses* need DynamoDB or Redis. Loads are
 * single-flight, so an on-sale burst on a cold instance reads an event's layout once, not once
 * per request. Least recently used events are dropped beyond `capacity`.
 */
export class EventCatalog {
  private readonly entries = new Map<string, Promise<CatalogEntry>>();

  constructor(
    private readonly events: EventStore,
    private readonly capacity = 100,
  ) {}

  /** The event and its layout; EVENT_NOT_FOUND when there is no (completely created) event. */
  get(eventId: string): Promise<CatalogEntry> {
    const cached = this.entries.get(eventId);
    if (cached) {
      this.entries.delete(eventId);
      this.entries.set(eventId, cached);
      return cached;
    }
    const loading = this.load(eventId);
    this.store(eventId, loading);
    // A failed load (unknown event, DynamoDB down) must not be cached.
    loading.catch(() => this.entries.get(eventId) === loading && this.entries.delete(eventId));
    return loading;
  }

  /** Records an event that this instance just created. */
  remember(entry: CatalogEntry): void {
    this.store(entry.event.eventId, Promise.resolve(entry));
  }

  /** Runs `visit` for every event currently cached (loads that fail are skipped). */
  async forEachCached(visit: (entry: CatalogEntry) => Promise<void>): Promise<void> {
    for (const pending of [...this.entries.values()]) {
      const entry = await pending.catch(() => undefined);
      if (entry) await visit(entry);
    }
  }

  private async load(eventId: string): Promise<CatalogEntry> {
    const event = await this.events.getEvent(eventId);
    if (!event) throw eventNotFound(eventId);
    return { event, layout: await this.events.loadLayout(eventId) };
  }

  private store(eventId: string, entry: Promise<CatalogEntry>): void {
    this.entries.set(eventId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
