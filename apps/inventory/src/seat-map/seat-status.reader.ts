import { effectiveSeatStatus, type EventLayout, type SeatStatus } from '@ticketing/inventory-domain';
import type { SeatStore } from '@ticketing/inventory-seat-store';
import { viewStamp, type SeatAccelerators } from '../accelerators/seat-accelerators';
import type { InventoryMetrics } from '../inventory.metrics';

/** Effective statuses of a section's seats, keyed by seat id (every seat of the section present). */
export type SectionStatuses = ReadonlyMap<string, SeatStatus>;

/**
 * Reads seat statuses for seat maps, availability checks and best-available choices: from the
 * Redis view when it is there (fast), otherwise from DynamoDB — refilling the view when Redis is
 * up but the view is missing or stale (after a flush, a restart or its TTL).
 *
 * Statuses are *effective*: a HELD seat whose hold expired reads AVAILABLE, whether or not the
 * sweeper has visited it yet. These reads are advisory; holds are decided by DynamoDB.
 */
export class SeatStatusReader {
  private readonly rebuilding = new Map<string, Promise<SectionStatuses>>();

  constructor(
    private readonly seats: SeatStore,
    private readonly accelerators: SeatAccelerators,
    private readonly metrics: InventoryMetrics,
  ) {}

  async sectionStatuses(eventId: string, layout: EventLayout, sectionId: string, now: Date): Promise<SectionStatuses> {
    const viewed = this.accelerators.available ? await this.accelerators.readView(eventId, sectionId) : undefined;
    if (viewed) {
      this.metrics.seatView.inc({ source: 'hit' });
      const statuses = new Map<string, SeatStatus>();
      for (const placement of layout.seatsOfSection(sectionId)) {
        const seat = viewed.get(placement.seatId);
        statuses.set(
          placement.seatId,
          seat ? effectiveSeatStatus({ status: seat.status, holdExpiresAt: seat.holdExpiresAt }, now) : placement.blocked ? 'BLOCKED' : 'AVAILABLE',
        );
      }
      return statuses;
    }
    // Single-flight per section: a burst on a cold view reads DynamoDB once.
    const key = `${eventId}\u0000${sectionId}`;
    const pending = this.rebuilding.get(key);
    if (pending) return pending;
    const reading = this.readFromDynamoDb(eventId, layout, sectionId, now).finally(() => this.rebuilding.delete(key));
    this.rebuilding.set(key, reading);
    return reading;
  }

  private async readFromDynamoDb(
    eventId: string,
    layout: EventLayout,
    sectionId: string,
    now: Date,
  ): Promise<SectionStatuses> {
    const snapshotStamp = viewStamp();
    const states = await this.seats.readSection(eventId, sectionId, layout.blocksOfSection(sectionId));
    if (this.accelerators.available) {
      this.metrics.seatView.inc({ source: 'rebuilt' });
      await this.accelerators.rebuildView(eventId, sectionId, states, snapshotStamp);
    } else {
      this.metrics.seatView.inc({ source: 'fallback' });
    }
    const statuses = new Map<string, SeatStatus>();
    for (const placement of layout.seatsOfSection(sectionId)) statuses.set(placement.seatId, 'AVAILABLE');
    for (const state of states) statuses.set(state.seatId, effectiveSeatStatus(state, now));
    return statuses;
  }
}
