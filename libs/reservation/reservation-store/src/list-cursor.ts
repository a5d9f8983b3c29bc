import { invalidInput } from './input-checks';
import { reservationIdOfSortKey, reservationKey, userReservationsPartition } from './item-keys';

/**
 * Opaque pagination cursors of `ReservationStore.listByUser`: base64url of
 * `{"v":1,"u":<userId>,"s":<gsi1sk of the last item returned>}`.
 *
 * A cursor is bound to the user it was issued to. Decoding checks that binding (a cursor of
 * another user is VALIDATION_FAILED) and rebuilds the whole `ExclusiveStartKey` from the
 * *requesting* user and the sort key — the partition never comes from the client — so a forged or
 * swapped cursor can at most skip around in the caller's own reservations, never reach another
 * user's partition.
 */

/** The `gsi1` key DynamoDB resumes a user's listing after. */
export type ListStartKey = { readonly pk: string; readonly sk: string; readonly gsi1pk: string; readonly gsi1sk: string };

/** Longest cursor accepted; real ones are about 120 characters. */
const maxCursorLength = 1024;

/** The cursor that continues `userId`'s listing after the item with `gsi1sk` = `lastSortKey`. */
export function encodeListCursor(userId: string, lastSortKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, u: userId, s: lastSortKey }), 'utf8').toString('base64url');
}

/**
 * The start key a cursor stands for, if it was issued to `userId`; VALIDATION_FAILED (field
 * `cursor`) for anything else: malformed, tampered, or another user's.
 */
export function decodeListCursor(userId: string, cursor: string): ListStartKey {
  const payload = parse(cursor);
  if (payload.u !== userId) throw invalidCursor('was issued for another listing');
  const reservationId = reservationIdOfSortKey(payload.s);
  if (reservationId === undefined) throw invalidCursor('is malformed');
  return { ...reservationKey(reservationId), gsi1pk: userReservationsPartition(userId), gsi1sk: payload.s };
}

function parse(cursor: string): { u: string; s: string } {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalidCursor('is malformed');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('is malformed');
  }
  if (typeof payload !== 'object' || payload === null) throw invalidCursor('is malformed');
  const { v, u, s } = payload as Record<string, unknown>;
  if (v !== 1 || typeof u !== 'string' || typeof s !== 'string') throw invalidCursor('is malformed');
  return { u, s };
}

function invalidCursor(why: string) {
  return invalidInput('cursor', why);
}
