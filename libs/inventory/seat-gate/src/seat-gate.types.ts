/** A seat the gate found held by another owner. */
export interface SeatConflict {
  readonly seatId: string;
  /** The owner token (hold id) the gate has for the seat. */
  readonly owner: string;
}

/**
 * What a claim decided. `taken` means nothing was claimed and lists every seat another owner
 * holds, so the caller can answer INVENTORY_CONFLICT (or pick other seats) without DynamoDB.
 */
export type SeatClaimOutcome =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'taken'; readonly conflicts: readonly SeatConflict[] };

/** What a claim of the first free block decided: which block, or every seat found taken. */
export type BlockClaimOutcome =
  | { readonly outcome: 'claimed'; readonly blockIndex: number }
  | { readonly outcome: 'taken'; readonly conflicts: readonly SeatConflict[] };

/** A seat DynamoDB showed as taken, to teach the gate (see `SeatGate.remember`). */
export interface RememberedSeat {
  readonly seatId: string;
  /** The hold id DynamoDB has for the seat (or any token the caller chooses for SOLD/BLOCKED). */
  readonly owner: string;
  /** How long the gate should keep it: the hold's remaining life, or e.g. 24 h for a sold seat. */
  readonly ttlMs: number;
}

/** Construction options of `SeatGate`. */
export interface SeatGateOptions {
  /**
   * Prepended to every key, before the hash tag (so it cannot change the slot); must not contain a
   * brace. Stacks after the client's own ioredis `keyPrefix`, if any. Default: none.
   */
  readonly keyPrefix?: string;
}
