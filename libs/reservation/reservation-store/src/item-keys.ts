/*
 * Key layout of the reservation API's tables (README.md "Item design"). Every table is keyed on
 * `pk` + `sk` strings (@ticketing/resources); each item kind has its own `pk` prefix, so a key says
 * what it is (the commit uses that to name a write whose condition failed).
 */

/** Primary key of an item. */
export type ItemKey = { readonly pk: string; readonly sk: string };

/** `pk` prefixes, one per item kind. */
export const keyPrefix = {
  reservation: 'RESERVATION#',
  order: 'ORDER#',
  user: 'USER#',
} as const;

/** Marker between the user and the client's key in an idempotency record's `pk`. */
export const idempotencyKeyMarker = '#KEY#';

/** Sort keys: one item per partition, so `sk` only names the item kind. */
export const sortKeys = { reservation: 'RESERVATION', order: 'ORDER', idempotency: 'IDEMPOTENCY' } as const;

/** Key of a reservation item. */
export function reservationKey(reservationId: string): ItemKey {
  return { pk: `${keyPrefix.reservation}${reservationId}`, sk: sortKeys.reservation };
}

/** Key of an order item. */
export function orderKey(orderId: string): ItemKey {
  return { pk: `${keyPrefix.order}${orderId}`, sk: sortKeys.order };
}

/**
 * Key of an idempotency record: `USER#<userId>#KEY#<idempotencyKey>`. The user is part of the key,
 * so one user's key can never address another user's record. The user id must not contain `#`
 * (checked by the store): the client's key may contain anything, and it comes last, so the key
 * parses one way only.
 */
export function idempotencyRecordKey(userId: string, idempotencyKey: string): ItemKey {
  return { pk: `${keyPrefix.user}${userId}${idempotencyKeyMarker}${idempotencyKey}`, sk: sortKeys.idempotency };
}

/** `gsi1pk` of a user's reservations. */
export function userReservationsPartition(userId: string): string {
  return `${keyPrefix.user}${userId}`;
}

/**
 * `gsi1sk` of a reservation: `<createdAt ISO-8601>#<reservationId>`. `toISOString()` is fixed
 * width (`2026-03-01T10:00:00.000Z`) so string order is time order; the id breaks ties between
 * reservations created in the same millisecond.
 */
export function userReservationsSortKey(createdAt: Date, reservationId: string): string {
  return `${createdAt.toISOString()}#${reservationId}`;
}

/** The reservation id at the end of a `gsi1sk`, or `undefined` when it is not one. */
export function reservationIdOfSortKey(sortKey: string): string | undefined {
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#(.+)$/.exec(sortKey);
  return match?.[1];
}
