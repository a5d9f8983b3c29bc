import { createHash } from 'node:crypto';
import { SeatStatus, type GetSeatMapResponse } from '@ticketing/inventory-contract';

/** A seat's status as the REST API names it. */
export type SeatStatusName = 'AVAILABLE' | 'HELD' | 'SOLD' | 'BLOCKED';

const statusNames: Record<number, SeatStatusName> = {
  [SeatStatus.AVAILABLE]: 'AVAILABLE',
  [SeatStatus.HELD]: 'HELD',
  [SeatStatus.SOLD]: 'SOLD',
  [SeatStatus.BLOCKED]: 'BLOCKED',
};

/** One seat of a seat map. */
export interface SeatView {
  readonly seat_id: string;
  readonly section_id: string;
  readonly row_id: string;
  readonly number: number;
  readonly price: { readonly amount: number; readonly currency: string };
  readonly status: SeatStatusName;
}

/** How many seats of a section are in each status. */
export interface SectionCountsView {
  readonly section_id: string;
  readonly available: number;
  readonly held: number;
  readonly sold: number;
  readonly blocked: number;
  readonly total: number;
}

/** GET /v1/events/{id}/seats, as sent. */
export interface SeatMapView {
  readonly event_id: string;
  readonly seats: readonly SeatView[];
  readonly sections: readonly SectionCountsView[];
  readonly as_of: string;
}

/** A seat map and its entity tag. */
export interface TaggedSeatMap {
  readonly map: SeatMapView;
  /**
   * A weak entity tag of what the map says (seats and counts, not `as_of`): equal tags, equal
   * maps, so a client that has it gets 304 Not Modified.
   */
  readonly etag: string;
}

/** The inventory's answer as the REST API sends it, with its tag. */
export function seatMapView(eventId: string, answer: GetSeatMapResponse): TaggedSeatMap {
  const seats = answer.seats.map((seat) => ({
    seat_id: seat.seatId,
    section_id: seat.sectionId,
    row_id: seat.rowId,
    number: seat.number,
    price: { amount: seat.price?.amountMinor ?? 0, currency: seat.price?.currency ?? '' },
    status: statusNames[seat.status] ?? 'BLOCKED',
  }));
  const sections = answer.sections.map((section) => ({
    section_id: section.sectionId,
    available: section.available,
    held: section.held,
    sold: section.sold,
    blocked: section.blocked,
    total: section.total,
  }));
  const digest = createHash('sha1').update(JSON.stringify([seats, sections])).digest('base64url');
  return { map: { event_id: eventId, seats, sections, as_of: (answer.asOf ?? new Date()).toISOString() }, etag: `W/"${digest}"` };
}

/** Whether an If-None-Match header names `etag` (or `*`), comparing weakly as RFC 9110 asks for GET. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag));
}
