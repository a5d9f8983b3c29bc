import { canonicalJson, sha256Hex } from './canonical-json';
import type { EventDefinition, SeatDefinition, SectionDefinition } from './inventory.types';
import { sameMoney } from './money.rules';

/**
 * Version of the canonical form. Stored fingerprints are compared with new ones (CreateEvent
 * idempotency), so changing what the canonical form contains means bumping this and accepting
 * that a repeat of an old CreateEvent then reports EVENT_CONFLICT.
 */
const canonicalFormVersion = 'event-definition/v1';

/**
 * sha256 (lower-case hex) of the canonical form of a CreateEvent definition: the same definition
 * always gives the same fingerprint, so a repeated CreateEvent is recognised as identical and any
 * other definition under the same event id as a conflict.
 *
 * Normalisation — only what cannot change the stored event or how it sells:
 * - instants as ISO strings, an unset sale bound as `null`;
 * - seats of a row in seat-number order (adjacency comes from the numbers, not list order);
 * - a `priceOverride` equal to the section price counts as no override: the effective price is
 *   what a buyer pays, so two definitions that charge the same for every seat are the same.
 *
 * Everything else counts, including names, section and row order (row order ranks rows for
 * best-available) and an empty section name versus one equal to the section id (the stored
 * summary shows the difference).
 *
 * Expects a definition that passed `validateEventDefinition` (valid instants).
 */
export function layoutFingerprint(definition: EventDefinition): string {
  return sha256Hex(
    canonicalJson({
      format: canonicalFormVersion,
      eventId: definition.eventId,
      name: definition.name,
      venue: definition.venue,
      saleStartsAt: definition.saleStartsAt?.toISOString() ?? null,
      saleEndsAt: definition.saleEndsAt?.toISOString() ?? null,
      sections: definition.sections.map(canonicalSection),
    }),
  );
}

function canonicalSection(section: SectionDefinition) {
  return {
    sectionId: section.sectionId,
    name: section.name,
    price: { amountMinor: section.price.amountMinor, currency: section.price.currency },
    rows: section.rows.map((row) => ({
      rowId: row.rowId,
      // Tuples rather than objects: a 100,000-seat event hashes noticeably faster.
      seats: [...row.seats].sort((a, b) => a.number - b.number).map((seat) => canonicalSeat(seat, section)),
    })),
  };
}

function canonicalSeat(seat: SeatDefinition, section: SectionDefinition) {
  const override =
    seat.priceOverride === undefined || sameMoney(seat.priceOverride, section.price) ? null : seat.priceOverride;
  return [seat.seatId, seat.number, override?.amountMinor ?? null, override?.currency ?? null, seat.blocked];
}
