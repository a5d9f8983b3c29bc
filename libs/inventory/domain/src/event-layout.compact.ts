/*
 * The compact, serialisable form of an EventLayout, for the seat store to persist as DynamoDB
 * items: one header plus chunks of at most ~2,000 seats. Arrays instead of objects, section and
 * row facts written once per row instead of once per seat, and the price only where it differs
 * from the section's, so a chunk stays far below DynamoDB's 400 KB item limit.
 *
 * Block numbers are stored, not recomputed: the seat store keys seats by block, so a layout
 * read back must place every seat in the block it was written to even if the block-assignment
 * rule changes later.
 */
import type { Money, SeatPlacement } from './inventory.types';

/** Version of the compact form; bumped on any incompatible change. */
export const compactLayoutFormat = 1;

/** Default most seats per chunk. */
export const defaultMaxSeatsPerChunk = 2000;

/**
 * Most JSON bytes one chunk may reach, estimated from id lengths. Well under DynamoDB's 400 KB
 * item limit so the item's key attributes and the store's own bookkeeping fit too; it only bites
 * for pathological layouts (long ids in one-seat rows).
 */
export const maxCompactChunkBytes = 300_000;

/** `[sectionId, name, amountMinor, currency, rowCount, seatCount, blockCount]`, layout order. */
export type CompactSection = readonly [
  sectionId: string,
  name: string,
  amountMinor: number,
  currency: string,
  rowCount: number,
  seatCount: number,
  blockCount: number,
];

/**
 * The price of a seat: `null` is the section's price, a number is that amount in the section's
 * currency, a pair is an amount in another currency (never produced for a validated event).
 */
export type CompactPrice = null | number | readonly [amountMinor: number, currency: string];

/** `[seatId, number, price, blocked (0 | 1)]`. */
export type CompactSeat = readonly [seatId: string, number: number, price: CompactPrice, blocked: 0 | 1];

/**
 * Consecutive seats of one row: `[sectionIndex, rowIndex, rowId, block, firstPosition, seats]`.
 * A row cut by a chunk boundary continues in the next chunk with a later `firstPosition`.
 */
export type CompactRowRun = readonly [
  sectionIndex: number,
  rowIndex: number,
  rowId: string,
  block: number,
  firstPosition: number,
  seats: readonly CompactSeat[],
];

/** Everything of a layout except its seats; small (about 100 bytes per section). */
export interface CompactLayoutHeader {
  readonly format: typeof compactLayoutFormat;
  readonly eventId: string;
  readonly maxSeatsPerBlock: number;
  readonly seatCount: number;
  readonly chunkCount: number;
  readonly sections: readonly CompactSection[];
}

/** One chunk of seats, `index` 0-based; chunks may be handed back in any order. */
export interface CompactLayoutChunk {
  readonly index: number;
  readonly rows: readonly CompactRowRun[];
}

/** A layout in compact form: the header and every chunk. */
export interface CompactLayout {
  readonly header: CompactLayoutHeader;
  readonly chunks: readonly CompactLayoutChunk[];
}

/** The content of a layout, as EventLayout is built from; internal to this lib. */
export interface LayoutContent {
  readonly eventId: string;
  readonly maxSeatsPerBlock: number;
  readonly sections: readonly LayoutSectionContent[];
}

/** One section of a {@link LayoutContent}: rows front to back, seats in physical order. */
export interface LayoutSectionContent {
  readonly sectionId: string;
  readonly name: string;
  readonly price: Money;
  readonly rows: readonly (readonly SeatPlacement[])[];
}

/** Serialises a layout's content into a header and chunks of at most `maxSeatsPerChunk` seats. */
export function encodeCompactLayout(content: LayoutContent, maxSeatsPerChunk: number): CompactLayout {
  if (!Number.isSafeInteger(maxSeatsPerChunk) || maxSeatsPerChunk < 1) {
    throw new RangeError(`maxSeatsPerChunk must be a positive integer, got ${maxSeatsPerChunk}`);
  }
  const chunks: CompactLayoutChunk[] = [];
  let runs: CompactRowRun[] = [];
  let seatsInChunk = 0;
  let bytesInChunk = 0;
  let seatCount = 0;
  const closeChunk = () => {
    chunks.push({ index: chunks.length, rows: runs });
    runs = [];
    seatsInChunk = 0;
    bytesInChunk = 0;
  };

  const sections = content.sections.map((section, sectionIndex): CompactSection => {
    const blocks = new Set<number>();
    let sectionSeats = 0;
    section.rows.forEach((row, rowIndex) => {
      let run: CompactSeat[] | undefined;
      row.forEach((placement, position) => {
        // Generous per-seat estimate: quotes, brackets, commas, a 16-digit number and a price pair.
        const seatBytes = placement.seatId.length + 64;
        const runBytes = run === undefined ? placement.rowId.length + 64 : 0;
        if (seatsInChunk > 0 && (seatsInChunk >= maxSeatsPerChunk || bytesInChunk + seatBytes + runBytes > maxCompactChunkBytes)) {
          closeChunk();
          run = undefined;
        }
        if (run === undefined) {
          run = [];
          runs.push([sectionIndex, rowIndex, placement.rowId, placement.block, position, run]);
          bytesInChunk += placement.rowId.length + 64;
        }
        run.push([placement.seatId, placement.number, compactPrice(placement.price, section.price), placement.blocked ? 1 : 0]);
        bytesInChunk += seatBytes;
        seatsInChunk += 1;
        blocks.add(placement.block);
      });
      sectionSeats += row.length;
    });
    seatCount += sectionSeats;
    return [
      section.sectionId,
      section.name,
      section.price.amountMinor,
      section.price.currency,
      section.rows.length,
      sectionSeats,
      blocks.size,
    ];
  });
  if (seatsInChunk > 0) {
    closeChunk();
  }

  return {
    header: {
      format: compactLayoutFormat,
      eventId: content.eventId,
      maxSeatsPerBlock: content.maxSeatsPerBlock,
      seatCount,
      chunkCount: chunks.length,
      sections,
    },
    chunks,
  };
}

/**
 * Rebuilds a layout's content from its header and all of its chunks (in any order). Checks that
 * nothing is missing, repeated or out of order, and throws a plain Error naming the problem when
 * the stored form is corrupt: that is a bug or lost data, never a client's mistake.
 */
export function decodeCompactLayout(
  header: CompactLayoutHeader,
  chunks: readonly CompactLayoutChunk[],
): LayoutContent {
  const corrupt = (problem: string) => new Error(`Corrupt compact layout of event ${header.eventId}: ${problem}`);
  if (header.format !== compactLayoutFormat) {
    throw corrupt(`unknown format ${String(header.format)}`);
  }
  if (chunks.length !== header.chunkCount) {
    throw corrupt(`expected ${header.chunkCount} chunks, got ${chunks.length}`);
  }
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  ordered.forEach((chunk, position) => {
    if (chunk.index !== position) {
      throw corrupt(`chunk ${position} is missing or repeated`);
    }
  });

  const sections = header.sections.map(([sectionId, name, amountMinor, currency]) => ({
    sectionId,
    name,
    price: Object.freeze({ amountMinor, currency }),
    rows: [] as SeatPlacement[][],
  }));
  let current: { sectionIndex: number; rowIndex: number; row: SeatPlacement[] } | undefined;

  for (const chunk of ordered) {
    for (const [sectionIndex, rowIndex, rowId, block, firstPosition, seats] of chunk.rows) {
      const section = sections[sectionIndex];
      if (section === undefined) {
        throw corrupt(`chunk ${chunk.index} names section ${sectionIndex} of ${sections.length}`);
      }
      const continues = current?.sectionIndex === sectionIndex && current.rowIndex === rowIndex;
      if (continues && current !== undefined) {
        // A row is never split across blocks (see assignStorageBlocks), only across chunks.
        if (firstPosition !== current.row.length || block !== current.row[0]?.block) {
          throw corrupt(`row ${rowId} of section ${section.sectionId} does not continue where it stopped`);
        }
      } else {
        const nextSectionIndex = current === undefined ? 0 : current.sectionIndex;
        const startsNextRow = sectionIndex === nextSectionIndex && rowIndex === section.rows.length;
        const startsNextSection = sectionIndex === nextSectionIndex + 1 && rowIndex === 0 && current !== undefined;
        if (!(startsNextRow || startsNextSection) || firstPosition !== 0) {
          throw corrupt(`row ${rowId} (section ${sectionIndex}, row ${rowIndex}) is out of order`);
        }
        current = { sectionIndex, rowIndex, row: [] };
        section.rows.push(current.row);
      }
      if (seats.length === 0 || !Number.isSafeInteger(block) || block < 0) {
        throw corrupt(`row ${rowId} of section ${section.sectionId} has an empty run or a bad block`);
      }
      for (const [seatId, number, price, blocked] of seats) {
        current.row.push(
          Object.freeze({
            seatId,
            sectionId: section.sectionId,
            rowId,
            rowIndex,
            positionInRow: current.row.length,
            number,
            price: expandPrice(price, section.price),
            blocked: blocked === 1,
            block,
          }),
        );
      }
    }
  }

  let seatCount = 0;
  header.sections.forEach(([sectionId, , , , rowCount, sectionSeatCount, blockCount], sectionIndex) => {
    const rows = sections[sectionIndex]?.rows ?? [];
    const seats = rows.reduce((sum, row) => sum + row.length, 0);
    const blocks = new Set(rows.map((row) => row[0]?.block)).size;
    if (rows.length !== rowCount || seats !== sectionSeatCount || blocks !== blockCount) {
      throw corrupt(
        `section ${sectionId} has ${rows.length} rows, ${seats} seats, ${blocks} blocks; ` +
          `header says ${rowCount}, ${sectionSeatCount}, ${blockCount}`,
      );
    }
    seatCount += seats;
  });
  if (seatCount !== header.seatCount) {
    throw corrupt(`has ${seatCount} seats, header says ${header.seatCount}`);
  }
  return { eventId: header.eventId, maxSeatsPerBlock: header.maxSeatsPerBlock, sections };
}

function compactPrice(price: Money, sectionPrice: Money): CompactPrice {
  if (price.currency !== sectionPrice.currency) {
    return [price.amountMinor, price.currency];
  }
  return price.amountMinor === sectionPrice.amountMinor ? null : price.amountMinor;
}

function expandPrice(price: CompactPrice, sectionPrice: Money): Money {
  if (price === null) {
    return sectionPrice;
  }
  if (typeof price === 'number') {
    return Object.freeze({ amountMinor: price, currency: sectionPrice.currency });
  }
  return Object.freeze({ amountMinor: price[0], currency: price[1] });
}
