import { describe, expect, it } from 'vitest';
import { definition, eur, gridDefinition, seat, section, withPath } from '../test/event-definition.fixture';
import { failureOf } from '../test/failure-of';
import { defaultEventLimits, validateEventDefinition } from './event-definition.validation';
import type { EventDefinition } from './inventory.types';

const fieldOf = (candidate: EventDefinition, limits = defaultEventLimits) =>
  failureOf(() => validateEventDefinition(candidate, limits)).details['field'];

describe('validateEventDefinition', () => {
  it('accepts a well-formed definition', () => {
    expect(() => validateEventDefinition(definition())).not.toThrow();
  });

  it('accepts open sale bounds, free seats, price overrides and blocked seats', () => {
    const candidate = definition({
      saleStartsAt: undefined,
      saleEndsAt: undefined,
      sections: [
        section('A', [2], { price: eur(0), name: '' }),
        { sectionId: 'B', name: 'B', price: eur(100), rows: [{ rowId: '1', seats: [seat('B-1', 1, { priceOverride: eur(80), blocked: true })] }] },
      ],
    });
    expect(() => validateEventDefinition(candidate)).not.toThrow();
  });

  it.each<[string, readonly (string | number)[], unknown, string]>([
    ['an empty event id', ['eventId'], '', 'event_id'],
    ['a 65-character event id', ['eventId'], 'e'.repeat(65), 'event_id'],
    ['an event id with a space', ['eventId'], 'evt 1', 'event_id'],
    ['a blank name', ['name'], '   ', 'name'],
    ['a 201-character venue', ['venue'], 'v'.repeat(201), 'venue'],
    ['an invalid sale start', ['saleStartsAt'], new Date('nope'), 'sale_starts_at'],
    ['a sale window ending at its start', ['saleEndsAt'], new Date('2026-03-01T10:00:00.000Z'), 'sale_ends_at'],
    ['no sections', ['sections'], [], 'sections'],
    ['a bad section id', ['sections', 1, 'sectionId'], 'B#', 'sections[1].section_id'],
    ['a 201-character section name', ['sections', 1, 'name'], 'n'.repeat(201), 'sections[1].name'],
    ['a negative price', ['sections', 0, 'price'], eur(-1), 'sections[0].price.amount_minor'],
    ['a fractional price', ['sections', 0, 'price'], eur(1.5), 'sections[0].price.amount_minor'],
    ['an unsafe price', ['sections', 0, 'price'], eur(2 ** 53), 'sections[0].price.amount_minor'],
    ['a lower-case currency', ['sections', 0, 'price'], { amountMinor: 1, currency: 'eur' }, 'sections[0].price.currency'],
    ['a second currency', ['sections', 1, 'price'], { amountMinor: 1, currency: 'USD' }, 'sections[1].price.currency'],
    ['a section without rows', ['sections', 1, 'rows'], [], 'sections[1].rows'],
    ['a bad row id', ['sections', 0, 'rows', 1, 'rowId'], '', 'sections[0].rows[1].row_id'],
    ['a repeated row id', ['sections', 0, 'rows', 1, 'rowId'], 'R1', 'sections[0].rows[1].row_id'],
    ['a row without seats', ['sections', 0, 'rows', 1, 'seats'], [], 'sections[0].rows[1].seats'],
    ['a bad seat id', ['sections', 0, 'rows', 1, 'seats', 2, 'seatId'], 'A 1', 'sections[0].rows[1].seats[2].seat_id'],
    ['a zero seat number', ['sections', 0, 'rows', 0, 'seats', 3, 'number'], 0, 'sections[0].rows[0].seats[3].number'],
    ['a fractional seat number', ['sections', 0, 'rows', 0, 'seats', 3, 'number'], 2.5, 'sections[0].rows[0].seats[3].number'],
    ['a repeated seat number', ['sections', 0, 'rows', 0, 'seats', 3, 'number'], 1, 'sections[0].rows[0].seats[3].number'],
    [
      'an override in another currency',
      ['sections', 1, 'rows', 0, 'seats', 0, 'priceOverride'],
      { amountMinor: 1, currency: 'USD' },
      'sections[1].rows[0].seats[0].price_override.currency',
    ],
    [
      'a negative override',
      ['sections', 1, 'rows', 0, 'seats', 0, 'priceOverride'],
      eur(-5),
      'sections[1].rows[0].seats[0].price_override.amount_minor',
    ],
  ])('rejects %s, naming the field', (_, path, replacement, field) => {
    const error = failureOf(() => validateEventDefinition(withPath(definition(), path, replacement)));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details['field']).toBe(field);
  });

  it('rejects a repeated section id', () => {
    expect(fieldOf(definition({ sections: [section('A', [1]), section('A', [1])] }))).toBe('sections[1].section_id');
  });

  it('names the first bad field when several are bad', () => {
    const candidate = withPath(withPath(definition(), ['sections', 1, 'sectionId'], ''), ['venue'], '');
    expect(fieldOf(candidate)).toBe('venue');
  });

  it('rejects seat ids repeated anywhere in the event, listing every duplicate', () => {
    const candidate = definition({
      sections: [
        { ...section('A', [3]), rows: [{ rowId: 'R1', seats: [seat('X', 1), seat('Y', 2), seat('Z', 3)] }] },
        { ...section('B', [3]), rows: [{ rowId: 'R1', seats: [seat('Y', 1), seat('W', 2), seat('X', 3)] }] },
      ],
    });
    const error = failureOf(() => validateEventDefinition(candidate));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details['field']).toBe('sections[1].rows[0].seats[0].seat_id');
    expect(error.details['conflictingSeatIds']).toEqual(['Y', 'X']);
  });

  it('enforces the size limits', () => {
    const limits = { maxSections: 2, maxRowsPerSection: 2, maxSeatsPerRow: 4, maxSeatsPerEvent: 11 };
    expect(() => validateEventDefinition(definition(), limits)).not.toThrow();
    expect(fieldOf(definition({ sections: [section('A', [1]), section('B', [1]), section('C', [1])] }), limits)).toBe('sections');
    expect(fieldOf(definition({ sections: [section('A', [1, 1, 1])] }), limits)).toBe('sections[0].rows');
    expect(fieldOf(definition({ sections: [section('A', [5])] }), limits)).toBe('sections[0].rows[0].seats');
    expect(fieldOf(definition({ sections: [section('A', [4, 4]), section('B', [4])] }), limits)).toBe('sections');
  });

  it('exports the documented default limits', () => {
    expect(defaultEventLimits).toEqual({
      maxSeatsPerEvent: 100_000,
      maxSections: 500,
      maxSeatsPerRow: 500,
      maxRowsPerSection: 1000,
    });
  });

  it('checks a 100,000-seat event in linear time', () => {
    const big = gridDefinition({ sections: 50, rows: 50, seatsPerRow: 40 });
    const started = performance.now();
    validateEventDefinition(big);
    const elapsedMs = performance.now() - started;
    // Typically ~30 ms; the bound only catches an accidental quadratic check (minutes).
    expect(elapsedMs).toBeLessThan(1000);
  });
});
