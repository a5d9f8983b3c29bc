import { randomBytes } from 'node:crypto';
import {
  buildEventLayout,
  type EventDefinition,
  type EventLayout,
  type Hold,
  holdRequestFingerprint,
  holdTotal,
  layoutFingerprint,
  type SeatPlacement,
  type SectionDefinition,
  validateEventDefinition,
} from '@ticketing/inventory-domain';

/** An id no other test run uses (hold ids double as ClientRequestTokens, remembered 10 minutes). */
export function uniqueId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/**
 * A rectangular venue: `sections` sections of `rows` rows of `seatsPerRow` seats, seat ids
 * `<section>-<row>-<number>`; `blockedSeatIds` are blocked. 100 EUR, 2 sections by default.
 */
export function venueDefinition(
  options: {
    eventId?: string;
    name?: string;
    sections?: number;
    rows?: number;
    seatsPerRow?: number;
    blockedSeatIds?: readonly string[];
  } = {},
): EventDefinition {
  const { sections = 2, rows = 4, seatsPerRow = 10, blockedSeatIds = [] } = options;
  const blocked = new Set(blockedSeatIds);
  const sectionDefinitions = Array.from({ length: sections }, (_, s): SectionDefinition => {
    const sectionId = String.fromCharCode(65 + (s % 26)) + (s >= 26 ? String(Math.floor(s / 26)) : '');
    return {
      sectionId,
      name: `Section ${sectionId}`,
      price: { amountMinor: 10_000 + s * 500, currency: 'EUR' },
      rows: Array.from({ length: rows }, (_, r) => ({
        rowId: String(r + 1),
        seats: Array.from({ length: seatsPerRow }, (_, n) => {
          const seatId = `${sectionId}-${r + 1}-${n + 1}`;
          return { seatId, number: n + 1, priceOverride: undefined, blocked: blocked.has(seatId) };
        }),
      })),
    };
  });
  const definition: EventDefinition = {
    eventId: options.eventId ?? uniqueId('evt'),
    name: options.name ?? 'Integration test night',
    venue: 'DynamoDB Local Arena',
    saleStartsAt: new Date('2026-01-01T10:00:00.000Z'),
    saleEndsAt: undefined,
    sections: sectionDefinitions,
  };
  validateEventDefinition(definition);
  return definition;
}

/** A definition with its layout and fingerprint, as CreateEvent computes them. */
export function preparedEvent(definition: EventDefinition, maxSeatsPerBlock?: number) {
  const layout: EventLayout = buildEventLayout(definition, { maxSeatsPerBlock });
  return { definition, layout, fingerprint: layoutFingerprint(definition) };
}

/** An ACTIVE hold of `seatIds` for `userId`, expiring at `expiresAt`. */
export function activeHold(
  layout: EventLayout,
  seatIds: readonly string[],
  options: { holdId?: string; userId?: string; createdAt?: Date; expiresAt: Date },
): Hold {
  const seats: SeatPlacement[] = layout.placementsOf(seatIds, 'seat_ids');
  const userId = options.userId ?? 'user_1';
  return {
    holdId: options.holdId ?? uniqueId('rsv'),
    eventId: layout.eventId,
    userId,
    status: 'ACTIVE',
    seats,
    total: holdTotal(seats),
    createdAt: options.createdAt ?? new Date(options.expiresAt.getTime() - 600_000),
    expiresAt: options.expiresAt,
    paymentReference: undefined,
    releaseReason: undefined,
    requestFingerprint: holdRequestFingerprint(layout.eventId, userId, { kind: 'seat-ids', seatIds }),
  };
}

/** `ms` milliseconds after `date`. */
export function plus(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
