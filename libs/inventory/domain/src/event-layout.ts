import {
  decodeCompactLayout,
  defaultMaxSeatsPerChunk,
  encodeCompactLayout,
  type CompactLayout,
  type CompactLayoutChunk,
  type CompactLayoutHeader,
  type LayoutContent,
  type LayoutSectionContent,
} from './event-layout.compact';
import { unknownSeats } from './inventory.errors';
import type { EventDefinition, Money, SeatPlacement, SectionSummary } from './inventory.types';
import { assignStorageBlocks, defaultMaxSeatsPerBlock } from './storage-blocks';

/** Options of {@link buildEventLayout}. */
export interface EventLayoutOptions {
  /** Most seats per storage block, unless one row alone is larger. Default 500. */
  readonly maxSeatsPerBlock?: number;
}

interface IndexedSection {
  readonly summary: SectionSummary;
  readonly rows: readonly (readonly SeatPlacement[])[];
  readonly seats: readonly SeatPlacement[];
  readonly blocks: readonly number[];
  readonly seatsByBlock: ReadonlyMap<number, readonly SeatPlacement[]>;
}

const noSeats: readonly SeatPlacement[] = Object.freeze([]);
const noRows: readonly (readonly SeatPlacement[])[] = Object.freeze([]);

/**
 * The in-memory index of an event's immutable layout: every seat's placement (section, row,
 * position, price, storage block), looked up by seat id or walked by section, row or block.
 * A layout never changes once the event is created, so a service instance builds it once (from
 * the definition, or from the seat store's compact form) and shares it.
 *
 * Seats of a row are in seat-number order: positions are adjacency (`positionInRow` 0 is the
 * lowest number), whatever order the definition listed them in.
 *
 * @example
 * const layout = buildEventLayout(definition);
 * layout.placementOf('A-1-7')?.block; // the shard the seat store keeps A-1-7 in
 * const { header, chunks } = layout.toCompactChunks(); // persist…
 * EventLayout.fromCompactChunks(header, chunks); // …and read back the same layout
 */
export class EventLayout {
  /** Summaries of every section, in definition order. */
  readonly sections: readonly SectionSummary[];
  /** Number of seats, blocked ones included. */
  readonly seatCount: number;
  readonly #content: LayoutContent;
  readonly #seats: readonly SeatPlacement[];
  readonly #bySeatId: ReadonlyMap<string, SeatPlacement>;
  readonly #bySection: ReadonlyMap<string, IndexedSection>;

  private constructor(content: LayoutContent) {
    this.#content = content;
    const seats: SeatPlacement[] = [];
    const bySeatId = new Map<string, SeatPlacement>();
    const bySection = new Map<string, IndexedSection>();
    const summaries: SectionSummary[] = [];
    for (const section of content.sections) {
      const sectionSeats: SeatPlacement[] = [];
      const seatsByBlock = new Map<number, SeatPlacement[]>();
      for (const row of section.rows) {
        for (const placement of row) {
          // Validation guarantees uniqueness; a duplicate here means the input skipped it.
          if (bySeatId.has(placement.seatId)) {
            throw new Error(`Seat id ${placement.seatId} appears twice in the layout of event ${content.eventId}`);
          }
          bySeatId.set(placement.seatId, placement);
          sectionSeats.push(placement);
          const blockSeats = seatsByBlock.get(placement.block);
          if (blockSeats === undefined) {
            seatsByBlock.set(placement.block, [placement]);
          } else {
            blockSeats.push(placement);
          }
        }
      }
      const summary: SectionSummary = Object.freeze({
        sectionId: section.sectionId,
        name: section.name,
        price: section.price,
        rowCount: section.rows.length,
        seatCount: sectionSeats.length,
        blockCount: seatsByBlock.size,
      });
      summaries.push(summary);
      seats.push(...sectionSeats);
      bySection.set(section.sectionId, {
        summary,
        rows: Object.freeze(section.rows.map((row) => Object.freeze([...row]))),
        seats: Object.freeze(sectionSeats),
        blocks: Object.freeze([...seatsByBlock.keys()].sort((a, b) => a - b)),
        seatsByBlock: new Map([...seatsByBlock].map(([block, blockSeats]) => [block, Object.freeze(blockSeats)])),
      });
    }
    this.sections = Object.freeze(summaries);
    this.seatCount = seats.length;
    this.#seats = Object.freeze(seats);
    this.#bySeatId = bySeatId;
    this.#bySection = bySection;
  }

  /**
   * Indexes a definition, assigning each section's rows to storage blocks (see
   * `assignStorageBlocks`). Expects a definition that passed `validateEventDefinition`.
   */
  static fromDefinition(definition: EventDefinition, options: EventLayoutOptions = {}): EventLayout {
    const maxSeatsPerBlock = options.maxSeatsPerBlock ?? defaultMaxSeatsPerBlock;
    const sections = definition.sections.map((section): LayoutSectionContent => {
      const sectionPrice = frozenMoney(section.price);
      const blocks = assignStorageBlocks(
        section.rows.map((row) => row.seats.length),
        maxSeatsPerBlock,
      );
      const rows = section.rows.map((row, rowIndex) =>
        [...row.seats]
          .sort((a, b) => a.number - b.number)
          .map(
            (seat, positionInRow): SeatPlacement =>
              Object.freeze({
                seatId: seat.seatId,
                sectionId: section.sectionId,
                rowId: row.rowId,
                rowIndex,
                positionInRow,
                number: seat.number,
                price: seat.priceOverride === undefined ? sectionPrice : frozenMoney(seat.priceOverride),
                blocked: seat.blocked,
                block: blocks[rowIndex] ?? 0,
              }),
          ),
      );
      return { sectionId: section.sectionId, name: section.name, price: sectionPrice, rows };
    });
    return new EventLayout({ eventId: definition.eventId, maxSeatsPerBlock, sections });
  }

  /**
   * Rebuilds the layout the seat store persisted with {@link EventLayout.toCompactChunks}: equal
   * placements, sections and blocks. Chunks may come in any order; a missing, repeated or
   * inconsistent chunk throws (the stored layout is corrupt).
   */
  static fromCompactChunks(header: CompactLayoutHeader, chunks: readonly CompactLayoutChunk[]): EventLayout {
    return new EventLayout(decodeCompactLayout(header, chunks));
  }

  /** Event the layout belongs to. */
  get eventId(): string {
    return this.#content.eventId;
  }

  /** The block size the layout was built with (kept so a rebuilt layout reports the same). */
  get maxSeatsPerBlock(): number {
    return this.#content.maxSeatsPerBlock;
  }

  /** The seat's placement, or `undefined` when the event has no such seat. */
  placementOf(seatId: string): SeatPlacement | undefined {
    return this.#bySeatId.get(seatId);
  }

  /**
   * The placements of the given seats, in the given order; throws VALIDATION_FAILED on `field`,
   * listing every unknown id, when the event lacks any of them.
   *
   * @param field proto path of the seat id list, e.g. `selection.seat_ids.seat_ids`.
   */
  placementsOf(seatIds: readonly string[], field: string): SeatPlacement[] {
    const placements: SeatPlacement[] = [];
    const unknown: string[] = [];
    for (const seatId of seatIds) {
      const placement = this.#bySeatId.get(seatId);
      if (placement === undefined) {
        unknown.push(seatId);
      } else {
        placements.push(placement);
      }
    }
    if (unknown.length > 0) {
      throw unknownSeats(field, unknown);
    }
    return placements;
  }

  /** The section's summary, or `undefined` when the event has no such section. */
  section(sectionId: string): SectionSummary | undefined {
    return this.#bySection.get(sectionId)?.summary;
  }

  /** The section's seats, front row first and in physical order; empty for an unknown section. */
  seatsOfSection(sectionId: string): readonly SeatPlacement[] {
    return this.#bySection.get(sectionId)?.seats ?? noSeats;
  }

  /** The section's rows, front to back, each in physical order; empty for an unknown section. */
  rowsOfSection(sectionId: string): readonly (readonly SeatPlacement[])[] {
    return this.#bySection.get(sectionId)?.rows ?? noRows;
  }

  /** The section's storage block numbers, ascending; empty for an unknown section. */
  blocksOfSection(sectionId: string): number[] {
    return [...(this.#bySection.get(sectionId)?.blocks ?? [])];
  }

  /** The seats of one storage block, front row first; empty for an unknown section or block. */
  seatsOfBlock(sectionId: string, block: number): readonly SeatPlacement[] {
    return this.#bySection.get(sectionId)?.seatsByBlock.get(block) ?? noSeats;
  }

  /** Every seat: sections in definition order, then rows front to back, then physical order. */
  allSeats(): readonly SeatPlacement[] {
    return this.#seats;
  }

  /**
   * The compact form for persisting: a small header and chunks of at most `maxSeatsPerChunk`
   * seats (default 2,000; fewer when long ids would push a chunk towards the item size limit).
   * See `event-layout.compact.ts` for the format.
   */
  toCompactChunks(maxSeatsPerChunk: number = defaultMaxSeatsPerChunk): CompactLayout {
    return encodeCompactLayout(this.#content, maxSeatsPerChunk);
  }
}

/**
 * Builds the {@link EventLayout} of a validated definition.
 *
 * @example
 * validateEventDefinition(definition);
 * const layout = buildEventLayout(definition, { maxSeatsPerBlock: 500 });
 */
export function buildEventLayout(definition: EventDefinition, options: EventLayoutOptions = {}): EventLayout {
  return EventLayout.fromDefinition(definition, options);
}

/** A private, frozen copy: the layout is shared across requests and must not change under them. */
function frozenMoney(money: Money): Money {
  return Object.freeze({ amountMinor: money.amountMinor, currency: money.currency });
}
