import { describe, expect, it } from 'vitest';
import { definition, eur, gridDefinition, seat, section } from '../test/event-definition.fixture';
import { failureOf } from '../test/failure-of';
import { buildEventLayout, EventLayout } from './event-layout';
import { maxCompactChunkBytes } from './event-layout.compact';
import type { EventDefinition } from './inventory.types';

const small: EventDefinition = definition({
  sections: [
    {
      sectionId: 'A',
      name: 'Floor A',
      price: eur(5000),
      rows: [
        // Listed out of order on purpose: positions follow seat numbers.
        { rowId: '1', seats: [seat('A-1-3', 3), seat('A-1-1', 1), seat('A-1-2', 2, { priceOverride: eur(7000) })] },
        { rowId: '2', seats: [seat('A-2-1', 1), seat('A-2-2', 2, { blocked: true })] },
        { rowId: '3', seats: [seat('A-3-1', 1)] },
      ],
    },
    section('B', [4]),
  ],
});

describe('EventLayout', () => {
  it('places every seat: section, row, position by number, price and block', () => {
    const layout = buildEventLayout(small, { maxSeatsPerBlock: 3 });
    expect(layout.eventId).toBe('evt_2026_1001');
    expect(layout.seatCount).toBe(10);
    expect(layout.placementOf('A-1-2')).toEqual({
      seatId: 'A-1-2',
      sectionId: 'A',
      rowId: '1',
      rowIndex: 0,
      positionInRow: 1,
      number: 2,
      price: eur(7000),
      blocked: false,
      block: 0,
    });
    expect(layout.placementOf('A-2-2')).toMatchObject({ rowIndex: 1, positionInRow: 1, blocked: true, price: eur(5000), block: 1 });
    expect(layout.placementOf('A-3-1')).toMatchObject({ rowIndex: 2, block: 1 });
    expect(layout.placementOf('nope')).toBeUndefined();
  });

  it('summarises sections in definition order', () => {
    const layout = buildEventLayout(small, { maxSeatsPerBlock: 3 });
    expect(layout.sections).toEqual([
      { sectionId: 'A', name: 'Floor A', price: eur(5000), rowCount: 3, seatCount: 6, blockCount: 2 },
      { sectionId: 'B', name: 'Section B', price: eur(5000), rowCount: 1, seatCount: 4, blockCount: 1 },
    ]);
    expect(layout.section('B')?.seatCount).toBe(4);
    expect(layout.section('Z')).toBeUndefined();
  });

  it('walks a section by seat, row and block, front row first in physical order', () => {
    const layout = buildEventLayout(small, { maxSeatsPerBlock: 3 });
    expect(layout.seatsOfSection('A').map((placement) => placement.seatId)).toEqual([
      'A-1-1', 'A-1-2', 'A-1-3', 'A-2-1', 'A-2-2', 'A-3-1',
    ]);
    expect(layout.rowsOfSection('A').map((row) => row.map((placement) => placement.seatId))).toEqual([
      ['A-1-1', 'A-1-2', 'A-1-3'],
      ['A-2-1', 'A-2-2'],
      ['A-3-1'],
    ]);
    expect(layout.blocksOfSection('A')).toEqual([0, 1]);
    expect(layout.seatsOfBlock('A', 1).map((placement) => placement.seatId)).toEqual(['A-2-1', 'A-2-2', 'A-3-1']);
    expect(layout.allSeats().map((placement) => placement.seatId).slice(5)).toEqual([
      'A-3-1', 'B-R1-1', 'B-R1-2', 'B-R1-3', 'B-R1-4',
    ]);
  });

  it('answers an unknown section with nothing', () => {
    const layout = buildEventLayout(small);
    expect(layout.seatsOfSection('Z')).toEqual([]);
    expect(layout.rowsOfSection('Z')).toEqual([]);
    expect(layout.blocksOfSection('Z')).toEqual([]);
    expect(layout.seatsOfBlock('A', 9)).toEqual([]);
  });

  it('uses blocks of 500 seats by default, a big row being its own block', () => {
    const layout = buildEventLayout(definition({ sections: [section('A', [300, 200, 100, 600, 50])] }));
    expect(layout.rowsOfSection('A').map((row) => row[0]?.block)).toEqual([0, 0, 1, 2, 3]);
    expect(layout.section('A')?.blockCount).toBe(4);
  });

  it('resolves requested seat ids, rejecting every unknown one', () => {
    const layout = buildEventLayout(small);
    expect(layout.placementsOf(['B-R1-2', 'A-1-1'], 'selection.seat_ids.seat_ids').map((p) => p.seatId)).toEqual([
      'B-R1-2',
      'A-1-1',
    ]);
    const error = failureOf(() => layout.placementsOf(['A-1-1', 'Z-1', 'Z-2'], 'selection.seat_ids.seat_ids'));
    expect(error.code).toBe('SEAT_NOT_FOUND');
    expect(error.details).toEqual({ field: 'selection.seat_ids.seat_ids', conflictingSeatIds: ['Z-1', 'Z-2'] });
  });

  it('cannot be changed by its users or by later changes to the definition', () => {
    const price = { amountMinor: 5000, currency: 'EUR' };
    const layout = buildEventLayout(definition({ sections: [section('A', [2], { price })] }));
    price.amountMinor = 1;
    expect(layout.placementOf('A-R1-1')?.price.amountMinor).toBe(5000);
    expect(layout.sections[0]?.price.amountMinor).toBe(5000);
    expect(Object.isFrozen(layout.placementOf('A-R1-1'))).toBe(true);
    expect(Object.isFrozen(layout.seatsOfSection('A'))).toBe(true);
  });

  it('refuses a definition with a repeated seat id (it skipped validation)', () => {
    const broken = definition({ sections: [section('A', [1]), { ...section('B', [1]), rows: [{ rowId: 'R1', seats: [seat('A-R1-1', 1)] }] }] });
    expect(() => buildEventLayout(broken)).toThrow(/A-R1-1 appears twice/);
  });
});

describe('EventLayout compact form', () => {
  const roundTrip = (layout: EventLayout, maxSeatsPerChunk?: number) => {
    // Through JSON, as the seat store writes and reads it.
    const { header, chunks } = JSON.parse(JSON.stringify(layout.toCompactChunks(maxSeatsPerChunk))) as ReturnType<
      EventLayout['toCompactChunks']
    >;
    return EventLayout.fromCompactChunks(header, chunks);
  };

  const expectSameLayout = (actual: EventLayout, expected: EventLayout) => {
    expect(actual.eventId).toBe(expected.eventId);
    expect(actual.maxSeatsPerBlock).toBe(expected.maxSeatsPerBlock);
    expect(actual.seatCount).toBe(expected.seatCount);
    expect(actual.sections).toEqual(expected.sections);
    expect(actual.allSeats()).toEqual(expected.allSeats());
    for (const { sectionId } of expected.sections) {
      expect(actual.rowsOfSection(sectionId)).toEqual(expected.rowsOfSection(sectionId));
      expect(actual.blocksOfSection(sectionId)).toEqual(expected.blocksOfSection(sectionId));
    }
  };

  it('round-trips a small layout, rows cut across chunks included', () => {
    const layout = buildEventLayout(small, { maxSeatsPerBlock: 3 });
    expectSameLayout(roundTrip(layout, 2), layout);
    expectSameLayout(roundTrip(layout), layout);
    expect(layout.toCompactChunks(2).chunks).toHaveLength(5);
  });

  it('round-trips a 50,000-seat event in well under a second', () => {
    const layout = buildEventLayout(gridDefinition({ sections: 20, rows: 50, seatsPerRow: 50 }));
    expect(layout.seatCount).toBe(50_000);
    const started = performance.now();
    const compact = layout.toCompactChunks();
    const rebuilt = EventLayout.fromCompactChunks(compact.header, compact.chunks);
    const elapsedMs = performance.now() - started;
    expect(compact.chunks).toHaveLength(25);
    expectSameLayout(rebuilt, layout);
    expect(rebuilt.placementOf('S19-R49-50')).toEqual(layout.placementOf('S19-R49-50'));
    // Typically ~50 ms; the bound catches anything accidentally quadratic.
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('keeps a chunk of 2,000 seats with 64-character ids far below the 400 KB item limit', () => {
    const layout = buildEventLayout(gridDefinition({ sections: 1, rows: 40, seatsPerRow: 50, seatIdLength: 64 }));
    const [chunk] = layout.toCompactChunks(2000).chunks;
    expect(chunk?.rows.reduce((seats, run) => seats + run[5].length, 0)).toBe(2000);
    const bytes = Buffer.byteLength(JSON.stringify(chunk));
    expect(bytes).toBeLessThan(350_000);
    expect(bytes).toBeLessThanOrEqual(maxCompactChunkBytes);
  });

  it('cuts chunks early when long ids in one-seat rows would make them too large', () => {
    const layout = buildEventLayout(
      gridDefinition({ sections: 1, rows: 1000, seatsPerRow: 4, seatIdLength: 64, rowIdLength: 64 }),
    );
    const layoutOfOneSeatRows = buildEventLayout(
      gridDefinition({ sections: 1, rows: 4000, seatsPerRow: 1, seatIdLength: 64, rowIdLength: 64 }),
    );
    for (const candidate of [layout, layoutOfOneSeatRows]) {
      const { header, chunks } = candidate.toCompactChunks(4000);
      expect(chunks.length).toBeGreaterThan(1);
      for (const chunk of chunks) {
        expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(maxCompactChunkBytes);
      }
      expectSameLayout(EventLayout.fromCompactChunks(header, chunks), candidate);
    }
  });

  it('round-trips a price in another currency than its section (an unvalidated layout)', () => {
    const mixed = definition({
      sections: [{ ...section('A', [1]), rows: [{ rowId: 'R1', seats: [seat('A-1', 1, { priceOverride: { amountMinor: 9, currency: 'USD' } })] }] }],
    });
    const layout = buildEventLayout(mixed);
    expect(roundTrip(layout).placementOf('A-1')?.price).toEqual({ amountMinor: 9, currency: 'USD' });
  });

  it('accepts chunks in any order', () => {
    const layout = buildEventLayout(small, { maxSeatsPerBlock: 3 });
    const { header, chunks } = layout.toCompactChunks(3);
    expectSameLayout(EventLayout.fromCompactChunks(header, [...chunks].reverse()), layout);
  });

  it('refuses a missing, repeated or inconsistent chunk', () => {
    const layout = buildEventLayout(small, { maxSeatsPerBlock: 3 });
    const { header, chunks } = layout.toCompactChunks(3);
    const [first, second] = chunks;
    if (first === undefined || second === undefined) {
      throw new Error('fixture needs two chunks');
    }
    expect(() => EventLayout.fromCompactChunks(header, chunks.slice(1))).toThrow(/expected 4 chunks/);
    expect(() => EventLayout.fromCompactChunks(header, [first, first, ...chunks.slice(2)])).toThrow(/missing or repeated/);
    expect(() => EventLayout.fromCompactChunks({ ...header, seatCount: 11 }, chunks)).toThrow(/header says 11/);
    const shiftedSection = { ...header, sections: header.sections.map((s) => [...s.slice(0, 4), 9, ...s.slice(5)] as unknown as typeof s) };
    expect(() => EventLayout.fromCompactChunks(shiftedSection, chunks)).toThrow(/Corrupt compact layout/);
    expect(() => EventLayout.fromCompactChunks({ ...header, format: 2 as 1 }, chunks)).toThrow(/unknown format/);
  });
});
