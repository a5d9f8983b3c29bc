import {
  type CompactLayoutChunk,
  type CompactLayoutHeader,
  type EventDefinition,
  type EventLayout,
  type SectionSummary,
  type StoredEvent,
} from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';
import {
  numberAttribute,
  optionalDateAttribute,
  stringAttribute,
  type StoredItem,
} from '@ticketing/stored-items';
import { eventHeaderKey, layoutChunkKey } from './item-keys';

/** Lifecycle of an event header: CREATING while its seats are written, READY once all exist. */
export type EventItemStatus = 'CREATING' | 'READY';

/** What a CreateEvent attempt writes into the header besides the event itself. */
export interface EventCreationClaim {
  readonly fingerprint: string;
  readonly createdAt: Date;
  readonly chunkCount: number;
  readonly layoutHeader: CompactLayoutHeader;
  /** Random per attempt: only the attempt holding it may renew the lease or flip to READY. */
  readonly token: string;
  /** Wall-clock epoch ms until which no other attempt may take the creation over. */
  readonly leaseUntil: number;
}

/**
 * The header item of an event in the CREATING state. `sections` are readable maps (what
 * `getEvent` returns); `layout_header` is the domain's compact layout header as JSON, needed with
 * the chunks to rebuild the layout; `layout_chunks` says how many `LAYOUT#` items belong to it.
 */
export function creatingEventItem(definition: EventDefinition, layout: EventLayout, claim: EventCreationClaim): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...eventHeaderKey(definition.eventId),
    event_id: definition.eventId,
    name: definition.name,
    venue: definition.venue,
    sections: layout.sections.map((section) => ({
      section_id: section.sectionId,
      name: section.name,
      price_minor: section.price.amountMinor,
      currency: section.price.currency,
      row_count: section.rowCount,
      seat_count: section.seatCount,
      block_count: section.blockCount,
    })),
    seat_count: layout.seatCount,
    created_at: claim.createdAt.getTime(),
    layout_fingerprint: claim.fingerprint,
    layout_chunks: claim.chunkCount,
    layout_header: JSON.stringify(claim.layoutHeader),
    status: 'CREATING' satisfies EventItemStatus,
    creation_token: claim.token,
    creation_lease_until: claim.leaseUntil,
  };
  if (definition.saleStartsAt !== undefined) item['sale_starts_at'] = definition.saleStartsAt.getTime();
  if (definition.saleEndsAt !== undefined) item['sale_ends_at'] = definition.saleEndsAt.getTime();
  return item;
}

/** One `LAYOUT#0000n` item: a compact chunk as JSON, tagged with the layout it belongs to. */
export function layoutChunkItem(eventId: string, fingerprint: string, chunk: CompactLayoutChunk): Record<string, unknown> {
  return { ...layoutChunkKey(eventId, chunk.index), layout_fingerprint: fingerprint, data: JSON.stringify(chunk) };
}

/** The stored status of a header item. */
export function eventItemStatus(item: StoredItem): EventItemStatus {
  const status = stringAttribute(item, 'status');
  if (status !== 'CREATING' && status !== 'READY') {
    throw new TicketingError('INTERNAL', `Stored event ${String(item['pk'])} has status ${status}`);
  }
  return status;
}

/** An event from its header item. */
export function storedEventFromItem(item: StoredItem): StoredEvent {
  const sections = item['sections'];
  if (!Array.isArray(sections)) throw new TicketingError('INTERNAL', `Stored event ${String(item['pk'])} has no sections`);
  return {
    eventId: stringAttribute(item, 'event_id'),
    name: stringAttribute(item, 'name'),
    venue: stringAttribute(item, 'venue'),
    saleStartsAt: optionalDateAttribute(item, 'sale_starts_at'),
    saleEndsAt: optionalDateAttribute(item, 'sale_ends_at'),
    sections: sections.map((section: StoredItem): SectionSummary => ({
      sectionId: stringAttribute(section, 'section_id'),
      name: stringAttribute(section, 'name'),
      price: { amountMinor: numberAttribute(section, 'price_minor'), currency: stringAttribute(section, 'currency') },
      rowCount: numberAttribute(section, 'row_count'),
      seatCount: numberAttribute(section, 'seat_count'),
      blockCount: numberAttribute(section, 'block_count'),
    })),
    seatCount: numberAttribute(item, 'seat_count'),
    createdAt: new Date(numberAttribute(item, 'created_at')),
    layoutFingerprint: stringAttribute(item, 'layout_fingerprint'),
  };
}

/** The compact layout header stored in a header item. */
export function layoutHeaderFromItem(item: StoredItem): CompactLayoutHeader {
  return JSON.parse(stringAttribute(item, 'layout_header')) as CompactLayoutHeader;
}

/** The compact chunk stored in a `LAYOUT#` item. */
export function layoutChunkFromItem(item: StoredItem): CompactLayoutChunk {
  return JSON.parse(stringAttribute(item, 'data')) as CompactLayoutChunk;
}
