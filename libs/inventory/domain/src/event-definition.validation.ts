import { invalidField } from './inventory.errors';
import { identifierProblem } from './identifier.rules';
import type { EventDefinition, Money } from './inventory.types';
import { moneyProblem } from './money.rules';

/** Size limits of one event's layout (CreateEvent). */
export interface EventLimits {
  readonly maxSeatsPerEvent: number;
  readonly maxSections: number;
  readonly maxSeatsPerRow: number;
  readonly maxRowsPerSection: number;
}

/**
 * Default {@link EventLimits}: a 100,000-seat stadium fits, while a single request stays within
 * what one service instance indexes in memory and writes in a reasonable time.
 */
export const defaultEventLimits: EventLimits = Object.freeze({
  maxSeatsPerEvent: 100_000,
  maxSections: 500,
  maxSeatsPerRow: 500,
  maxRowsPerSection: 1000,
});

/** Longest event name, venue name or section name. */
const maxDisplayNameLength = 200;

/**
 * Checks a CreateEvent definition and throws VALIDATION_FAILED naming the first bad field as a
 * proto path (`sections[2].rows[0].seats[3].seat_id`). Rules:
 *
 * - event, section, row and seat ids are valid ids (see `identifierPattern`);
 * - event name and venue are non-empty, at most 200 characters; section names at most 200
 *   (an empty section name is allowed: it means "use the section id");
 * - at least one section, each with at least one row, each with at least one seat, within
 *   {@link EventLimits};
 * - section ids unique in the event, row ids unique in their section, seat numbers positive
 *   integers unique in their row, seat ids unique across the whole event — a duplicate seat id
 *   error lists every duplicated id in `conflictingSeatIds`;
 * - prices are valid {@link Money} and every price of the event has the same currency (the
 *   first section's), so a hold total is a plain sum;
 * - the sale window, when both ends are set, starts before it ends.
 *
 * Linear in the number of seats (50,000 seats take a few milliseconds).
 */
export function validateEventDefinition(
  definition: EventDefinition,
  limits: EventLimits = defaultEventLimits,
): void {
  requireIdentifier('event_id', definition.eventId);
  requireDisplayName('name', definition.name);
  requireDisplayName('venue', definition.venue);
  requireSaleWindow(definition.saleStartsAt, definition.saleEndsAt);

  const { sections } = definition;
  if (sections.length === 0) {
    throw invalidField('sections', 'an event needs at least one section');
  }
  if (sections.length > limits.maxSections) {
    throw invalidField('sections', `an event has at most ${limits.maxSections} sections`);
  }
  // Counted up front so an oversized layout is refused before any per-seat work.
  let seatCount = 0;
  for (const section of sections) {
    for (const row of section.rows) {
      seatCount += row.seats.length;
    }
  }
  if (seatCount > limits.maxSeatsPerEvent) {
    throw invalidField('sections', `an event has at most ${limits.maxSeatsPerEvent} seats, this one has ${seatCount}`);
  }

  const duplicateSeatIds = findDuplicateSeatIds(definition);
  // The first price decides the event's currency; a section's price is always present.
  const eventCurrency = sections[0]?.price.currency ?? '';
  const sectionIds = new Set<string>();
  const seenSeatIds = new Set<string>();

  sections.forEach((section, sectionIndex) => {
    const sectionPath = `sections[${sectionIndex}]`;
    requireIdentifier(`${sectionPath}.section_id`, section.sectionId);
    if (sectionIds.has(section.sectionId)) {
      throw invalidField(`${sectionPath}.section_id`, `section id ${section.sectionId} appears twice`);
    }
    sectionIds.add(section.sectionId);
    if (section.name.length > maxDisplayNameLength) {
      throw invalidField(`${sectionPath}.name`, `must be at most ${maxDisplayNameLength} characters`);
    }
    requirePrice(`${sectionPath}.price`, section.price, eventCurrency);
    if (section.rows.length === 0) {
      throw invalidField(`${sectionPath}.rows`, 'a section needs at least one row');
    }
    if (section.rows.length > limits.maxRowsPerSection) {
      throw invalidField(`${sectionPath}.rows`, `a section has at most ${limits.maxRowsPerSection} rows`);
    }

    const rowIds = new Set<string>();
    section.rows.forEach((row, rowIndex) => {
      const rowPath = `${sectionPath}.rows[${rowIndex}]`;
      requireIdentifier(`${rowPath}.row_id`, row.rowId);
      if (rowIds.has(row.rowId)) {
        throw invalidField(`${rowPath}.row_id`, `row id ${row.rowId} appears twice in section ${section.sectionId}`);
      }
      rowIds.add(row.rowId);
      if (row.seats.length === 0) {
        throw invalidField(`${rowPath}.seats`, 'a row needs at least one seat');
      }
      if (row.seats.length > limits.maxSeatsPerRow) {
        throw invalidField(`${rowPath}.seats`, `a row has at most ${limits.maxSeatsPerRow} seats`);
      }

      const numbers = new Set<number>();
      row.seats.forEach((seat, seatIndex) => {
        const seatPath = `${rowPath}.seats[${seatIndex}]`;
        requireIdentifier(`${seatPath}.seat_id`, seat.seatId);
        if (seenSeatIds.has(seat.seatId)) {
          throw invalidField(
            `${seatPath}.seat_id`,
            `seat id ${seat.seatId} is used twice; seat ids are unique across the event (${duplicateSeatIds.length} duplicated in all)`,
            duplicateSeatIds,
          );
        }
        seenSeatIds.add(seat.seatId);
        if (!Number.isSafeInteger(seat.number) || seat.number < 1) {
          throw invalidField(`${seatPath}.number`, 'must be a positive integer');
        }
        // Numbers order the row (adjacency), so two seats with one number would have no order.
        if (numbers.has(seat.number)) {
          throw invalidField(`${seatPath}.number`, `seat number ${seat.number} appears twice in row ${row.rowId}`);
        }
        numbers.add(seat.number);
        if (seat.priceOverride !== undefined) {
          requirePrice(`${seatPath}.price_override`, seat.priceOverride, eventCurrency);
        }
      });
    });
  });
}

/**
 * Every seat id that occurs more than once, in the order their second occurrence is met. A
 * separate pass so the error at the first duplicate can name all of them.
 */
function findDuplicateSeatIds(definition: EventDefinition): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const section of definition.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        if (seen.has(seat.seatId)) {
          duplicates.add(seat.seatId);
        } else {
          seen.add(seat.seatId);
        }
      }
    }
  }
  return [...duplicates];
}

function requireIdentifier(field: string, value: string): void {
  const problem = identifierProblem(value);
  if (problem !== undefined) {
    throw invalidField(field, problem);
  }
}

function requireDisplayName(field: string, value: string): void {
  if (value.trim().length === 0) {
    throw invalidField(field, 'must not be empty');
  }
  if (value.length > maxDisplayNameLength) {
    throw invalidField(field, `must be at most ${maxDisplayNameLength} characters`);
  }
}

function requireSaleWindow(startsAt: Date | undefined, endsAt: Date | undefined): void {
  if (startsAt !== undefined && Number.isNaN(startsAt.getTime())) {
    throw invalidField('sale_starts_at', 'must be a valid instant');
  }
  if (endsAt !== undefined && Number.isNaN(endsAt.getTime())) {
    throw invalidField('sale_ends_at', 'must be a valid instant');
  }
  if (startsAt !== undefined && endsAt !== undefined && startsAt.getTime() >= endsAt.getTime()) {
    throw invalidField('sale_ends_at', 'must be later than sale_starts_at');
  }
}

function requirePrice(field: string, price: Money, eventCurrency: string): void {
  const problem = moneyProblem(price);
  if (problem !== undefined) {
    throw invalidField(`${field}.${problem.field}`, problem.message);
  }
  if (price.currency !== eventCurrency) {
    throw invalidField(`${field}.currency`, `every price of an event is in one currency, here ${eventCurrency}`);
  }
}
