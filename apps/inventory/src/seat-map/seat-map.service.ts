import {
  chooseBestAvailable,
  countSeats,
  invalidField,
  sectionNotFound,
  type EventLayout,
  type SeatCounts,
  type SeatPlacement,
  type SeatSelection,
  type SeatStatus,
} from '@ticketing/inventory-domain';
import type { EventCatalog } from '../events/event-catalog';
import type { SeatStatusReader } from './seat-status.reader';

/** A seat map: every seat with its effective status, and counts per section. */
export interface SeatMap {
  readonly seats: readonly { readonly placement: SeatPlacement; readonly status: SeatStatus }[];
  readonly sections: readonly (SeatCounts & { readonly sectionId: string })[];
  readonly asOf: Date;
}

/** The answer to CheckAvailability. */
export interface Availability {
  readonly available: boolean;
  readonly unavailableSeatIds: readonly string[];
  readonly availableCount: number;
}

/** Read-only questions about an event's seats: seat map, counts, availability. */
export class SeatMapService {
  constructor(
    private readonly catalog: EventCatalog,
    private readonly statuses: SeatStatusReader,
  ) {}

  async seatMap(eventId: string, sectionId: string | undefined, now = new Date()): Promise<SeatMap> {
    const { layout, perSection } = await this.readSections(eventId, sectionId, now);
    const seats = perSection.flatMap(({ sectionId: id, statuses }) =>
      layout.seatsOfSection(id).map((placement) => ({ placement, status: statuses.get(placement.seatId) ?? 'AVAILABLE' })),
    );
    return { seats, sections: countsOf(perSection), asOf: now };
  }

  /** Counts only: the same statuses as the seat map, without building 10,000 seat entries. */
  async inventoryStatus(eventId: string, now = new Date()): Promise<{ sections: SeatMap['sections']; totals: SeatCounts; asOf: Date }> {
    const { perSection } = await this.readSections(eventId, undefined, now);
    const sections = countsOf(perSection);
    const totals = sections.reduce<SeatCounts>(
      (sum, section) => ({
        available: sum.available + section.available,
        held: sum.held + section.held,
        sold: sum.sold + section.sold,
        blocked: sum.blocked + section.blocked,
        total: sum.total + section.total,
      }),
      { available: 0, held: 0, sold: 0, blocked: 0, total: 0 },
    );
    return { sections, totals, asOf: now };
  }

  private async readSections(eventId: string, sectionId: string | undefined, now: Date) {
    const { layout } = await this.catalog.get(eventId);
    const sectionIds = sectionId === undefined ? allSections(layout) : [knownSection(eventId, layout, sectionId, 'section_id')];
    const perSection = await Promise.all(
      sectionIds.map(async (id) => ({ sectionId: id, statuses: await this.statuses.sectionStatuses(eventId, layout, id, now) })),
    );
    return { layout, perSection };
  }

  /**
   * Seat ids: which of them are not available right now. A quantity: whether a best-available hold
   * of that many adjacent seats could be placed now (in the named section or any), and how many
   * seats are available there. Advisory: a hold may still lose the race.
   */
  async checkAvailability(eventId: string, selection: SeatSelection | undefined, now = new Date()): Promise<Availability> {
    if (!selection) throw invalidField('selection', 'selection is required.');
    const { layout } = await this.catalog.get(eventId);
    if (selection.kind === 'seat-ids') {
      if (selection.seatIds.length === 0) throw invalidField('selection.seat_ids', 'Name at least one seat.');
      const placements = layout.placementsOf(selection.seatIds, 'selection.seat_ids');
      const sectionIds = [...new Set(placements.map((placement) => placement.sectionId))];
      const statuses = new Map<string, SeatStatus>();
      for (const id of sectionIds) {
        for (const [seatId, status] of await this.statuses.sectionStatuses(eventId, layout, id, now)) statuses.set(seatId, status);
      }
      const unavailableSeatIds = selection.seatIds.filter((seatId) => statuses.get(seatId) !== 'AVAILABLE');
      return {
        available: unavailableSeatIds.length === 0,
        unavailableSeatIds,
        availableCount: selection.seatIds.length - unavailableSeatIds.length,
      };
    }
    if (!Number.isInteger(selection.quantity) || selection.quantity < 1) {
      throw invalidField('selection.best_available.quantity', 'quantity must be a positive whole number.');
    }
    const sectionIds = selection.sectionId
      ? [knownSection(eventId, layout, selection.sectionId, 'selection.best_available.section_id')]
      : allSections(layout);
    let availableCount = 0;
    let available = false;
    for (const id of sectionIds) {
      const statuses = await this.statuses.sectionStatuses(eventId, layout, id, now);
      const rows = layout
        .rowsOfSection(id)
        .map((row) => row.map((placement) => ({ placement, available: statuses.get(placement.seatId) === 'AVAILABLE' })));
      availableCount += rows.flat().filter((seat) => seat.available).length;
      available ||= chooseBestAvailable(rows, selection.quantity) !== undefined;
    }
    return { available, unavailableSeatIds: [], availableCount };
  }
}

function countsOf(perSection: readonly { readonly sectionId: string; readonly statuses: ReadonlyMap<string, SeatStatus> }[]) {
  return perSection.map(({ sectionId, statuses }) => ({ sectionId, ...countSeats(statuses.values()) }));
}

function allSections(layout: EventLayout): string[] {
  return layout.sections.map((section) => section.sectionId);
}

function knownSection(eventId: string, layout: EventLayout, sectionId: string, field: string): string {
  if (!layout.sections.some((section) => section.sectionId === sectionId)) throw sectionNotFound(eventId, sectionId, field);
  return sectionId;
}
