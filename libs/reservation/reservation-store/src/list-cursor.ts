import { invalidInput } from './input-checks';
import { reservationIdOfSortKey, reservationKey, userReservationsPartition } from './item-keys';

/**
 * Opaque pagination cursors of `ReservationStore.listByUser`: the base64url of the `gsi1sk` of
 * the last item returned, that is a position in time order (2 to 128 characters of
 * `A-Za-z0-9_-`; real ones are about 60).
 *
 * A cursor is only a position. The whole `ExclusiveStartKey` is rebuilt around the *requesting*
 * user's partition — it never comes from the client — so any cursor, forged, garbled or issued to
 * someone else, can at most skip around in the caller's own reservations. That is why every
 * well-formed value is accepted (a garbled one just starts at some position): the API's contract
 * can then say exactly which cursors are valid.
 */

/** What a cursor looks like; the OpenAPI document states the same. */
export const listCursorPattern = '^[A-Za-z0-9_-]{2,128}$';

/** The `gsi1` key DynamoDB resumes a user's listing after. */
export type ListStartKey = { readonly pk: string; readonly sk: string; readonly gsi1pk: string; readonly gsi1sk: string };

/** The cursor that continues a listing after the item with `gsi1sk` = `lastSortKey`. */
export function encodeListCursor(lastSortKey: string): string {
  return Buffer.from(lastSortKey, 'utf8').toString('base64url');
}

/** The start key `userId`'s listing resumes after; VALIDATION_FAILED (field `cursor`) when `cursor` is not of the cursor's form. */
export function decodeListCursor(userId: string, cursor: string): ListStartKey {
  if (!new RegExp(listCursorPattern).test(cursor)) throw invalidInput('cursor', 'is malformed');
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  // The base table's key only breaks ties within the position; any reservation key will do.
  return { ...reservationKey(reservationIdOfSortKey(position) ?? position), gsi1pk: userReservationsPartition(userId), gsi1sk: position };
}
