import type { EventDefinition, Money, SeatDefinition, SectionDefinition } from '../src/inventory.types';

/** Test data builders for event definitions. */

export const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

export function seat(seatId: string, number: number, extra: Partial<SeatDefinition> = {}): SeatDefinition {
  return { seatId, number, priceOverride: undefined, blocked: false, ...extra };
}

/** A section whose rows have the given seat counts; seat ids `<section>-<row>-<number>`. */
export function section(sectionId: string, seatsPerRow: readonly number[], extra: Partial<SectionDefinition> = {}): SectionDefinition {
  return {
    sectionId,
    name: `Section ${sectionId}`,
    price: eur(5000),
    rows: seatsPerRow.map((count, rowIndex) => ({
      rowId: `R${rowIndex + 1}`,
      seats: Array.from({ length: count }, (_, index) => seat(`${sectionId}-R${rowIndex + 1}-${index + 1}`, index + 1)),
    })),
    ...extra,
  };
}

export function definition(extra: Partial<EventDefinition> = {}): EventDefinition {
  return {
    eventId: 'evt_2026_1001',
    name: 'Example Band, World Tour 2026',
    venue: 'Example Arena',
    saleStartsAt: new Date('2026-03-01T10:00:00.000Z'),
    saleEndsAt: new Date('2026-06-01T10:00:00.000Z'),
    sections: [section('A', [4, 4]), section('B', [3])],
    ...extra,
  };
}

/**
 * A big event: `sections` sections of `rows` rows of `seatsPerRow` seats. Seat and row ids are
 * padded to `seatIdLength` / `rowIdLength` characters when given (to measure worst-case sizes).
 */
export function gridDefinition(options: {
  sections: number;
  rows: number;
  seatsPerRow: number;
  seatIdLength?: number;
  rowIdLength?: number;
}): EventDefinition {
  const { sections, rows, seatsPerRow, seatIdLength, rowIdLength } = options;
  return definition({
    sections: Array.from({ length: sections }, (_, s) => ({
      sectionId: `S${s}`,
      name: `Section ${s}`,
      price: eur(5000 + s),
      rows: Array.from({ length: rows }, (_, r) => ({
        rowId: rowIdLength === undefined ? `R${r}` : `R${r}`.padStart(rowIdLength, 'r'),
        seats: Array.from({ length: seatsPerRow }, (_, n) => {
          const base = `S${s}-R${r}-${n + 1}`;
          const seatId = seatIdLength === undefined ? base : base.padStart(seatIdLength, 'x');
          return seat(seatId, n + 1, n % 10 === 0 ? { priceOverride: eur(4000) } : {});
        }),
      })),
    })),
  });
}

/** Returns a copy of `value` with one nested property replaced: `withPath(def, ['sections', 0, 'name'], 'x')`. */
export function withPath<T>(value: T, path: readonly (string | number)[], replacement: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) {
    return replacement as T;
  }
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = withPath((value as Record<string | number, unknown>)[head], rest, replacement);
  return copy as T;
}
