import { describe, expect, it } from 'vitest';
import { definition, eur, gridDefinition, seat, withPath } from '../test/event-definition.fixture';
import type { EventDefinition } from './inventory.types';
import { layoutFingerprint } from './layout.fingerprint';

const base = definition();
const fingerprint = layoutFingerprint(base);

describe('layoutFingerprint', () => {
  it('is a sha256 hex digest, the same for the same definition every time', () => {
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(layoutFingerprint(definition())).toBe(fingerprint);
  });

  it('ignores property order and Date identity', () => {
    const reordered: EventDefinition = {
      sections: base.sections,
      saleEndsAt: new Date('2026-06-01T12:00:00+02:00'),
      saleStartsAt: new Date(Date.parse('2026-03-01T10:00:00.000Z')),
      venue: base.venue,
      name: base.name,
      eventId: base.eventId,
    };
    expect(layoutFingerprint(reordered)).toBe(fingerprint);
  });

  it('ignores the listing order of seats within a row (numbers give adjacency)', () => {
    const row = base.sections[0]?.rows[0];
    const reversed = withPath(base, ['sections', 0, 'rows', 0, 'seats'], [...(row?.seats ?? [])].reverse());
    expect(layoutFingerprint(reversed)).toBe(fingerprint);
  });

  it('treats a price override equal to the section price as no override', () => {
    const sameOverride = withPath(base, ['sections', 0, 'rows', 0, 'seats', 0, 'priceOverride'], eur(5000));
    expect(layoutFingerprint(sameOverride)).toBe(fingerprint);
  });

  it.each<[string, readonly (string | number)[], unknown]>([
    ['the event id', ['eventId'], 'evt_other'],
    ['the name', ['name'], 'Other'],
    ['the venue', ['venue'], 'Other Arena'],
    ['the sale start', ['saleStartsAt'], new Date('2026-03-01T10:00:00.001Z')],
    ['an unset sale end', ['saleEndsAt'], undefined],
    ['a section name', ['sections', 0, 'name'], ''],
    ['a section price', ['sections', 0, 'price'], eur(5001)],
    ['a row id', ['sections', 0, 'rows', 0, 'rowId'], 'R9'],
    ['a seat id', ['sections', 0, 'rows', 0, 'seats', 0, 'seatId'], 'A-R1-X'],
    ['a seat number', ['sections', 0, 'rows', 0, 'seats', 3, 'number'], 9],
    ['a differing price override', ['sections', 0, 'rows', 0, 'seats', 0, 'priceOverride'], eur(4000)],
    ['a blocked seat', ['sections', 0, 'rows', 0, 'seats', 0, 'blocked'], true],
    ['an extra seat', ['sections', 1, 'rows', 0, 'seats', 3], seat('B-R1-4', 4)],
  ])('changes with %s', (_, path, replacement) => {
    expect(layoutFingerprint(withPath(base, path, replacement))).not.toBe(fingerprint);
  });

  it('changes with the order of rows or sections (it ranks rows for best-available)', () => {
    const rows = base.sections[0]?.rows ?? [];
    expect(layoutFingerprint(withPath(base, ['sections', 0, 'rows'], [...rows].reverse()))).not.toBe(fingerprint);
    expect(layoutFingerprint({ ...base, sections: [...base.sections].reverse() })).not.toBe(fingerprint);
  });

  it('hashes a 50,000-seat event quickly', () => {
    const big = gridDefinition({ sections: 25, rows: 40, seatsPerRow: 50 });
    const started = performance.now();
    layoutFingerprint(big);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
