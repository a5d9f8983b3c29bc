import { canonicalJson, sha256Hex } from './canonical-json';
import type { SeatSelection } from './inventory.types';

/**
 * sha256 (lower-case hex) of what a HoldSeats request asks for, stored on the hold
 * (`Hold.requestFingerprint`): a repeat with the same hold id and the same fingerprint gets the
 * existing hold back, a different fingerprint is HOLD_CONFLICT.
 *
 * Seat-id order does not matter (the same seats are the same request). The ttl is left out on
 * purpose: a repeat returns the existing hold whatever ttl it asks for.
 */
export function holdRequestFingerprint(eventId: string, userId: string, selection: SeatSelection): string {
  const canonicalSelection =
    selection.kind === 'seat-ids'
      ? { kind: selection.kind, seatIds: [...selection.seatIds].sort() }
      : {
          kind: selection.kind,
          quantity: selection.quantity,
          sectionId: selection.sectionId ?? null,
          // Only when asked for, so every fingerprint stored before the option existed still matches.
          ...(selection.allowSplit ? { allowSplit: true } : {}),
        };
  return sha256Hex(canonicalJson({ format: 'hold-request/v1', eventId, userId, selection: canonicalSelection }));
}
