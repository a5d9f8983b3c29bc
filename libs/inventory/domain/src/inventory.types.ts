/*
 * The inventory's vocabulary, shared by the domain logic, the DynamoDB store, the Redis gate and
 * the gRPC edge. Plain data: no SDK, no transport. Times are `Date`s; money is integer minor units.
 */

/** A seat's stored status. A HELD seat whose hold expired is *effectively* AVAILABLE. */
export type SeatStatus = 'AVAILABLE' | 'HELD' | 'SOLD' | 'BLOCKED';

/** A hold's stored status. An ACTIVE hold past its expiry is *effectively* EXPIRED. */
export type HoldStatus = 'ACTIVE' | 'COMMITTED' | 'RELEASED' | 'EXPIRED';

/** Why a hold was released. */
export type ReleaseReason = 'USER_CANCELLED' | 'PAYMENT_FAILED' | 'EXPIRED' | 'RESERVATION_FAILED';

/** An amount in integer minor units (cents) of an ISO-4217 currency. Never floating point. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** An event as an admin defines it in CreateEvent: sections → rows (front to back) → seats. */
export interface EventDefinition {
  readonly eventId: string;
  readonly name: string;
  readonly venue: string;
  readonly saleStartsAt: Date | undefined;
  readonly saleEndsAt: Date | undefined;
  readonly sections: readonly SectionDefinition[];
}

/** A section of the layout; its price applies to every seat without an override. */
export interface SectionDefinition {
  readonly sectionId: string;
  readonly name: string;
  readonly price: Money;
  readonly rows: readonly RowDefinition[];
}

/** A row. Adjacency follows seat numbers (consecutive numbers are neighbours), not list order. */
export interface RowDefinition {
  readonly rowId: string;
  readonly seats: readonly SeatDefinition[];
}

/** A seat of the layout. A blocked seat exists but is never sold (kills, camera positions). */
export interface SeatDefinition {
  readonly seatId: string;
  readonly number: number;
  readonly priceOverride: Money | undefined;
  readonly blocked: boolean;
}

/**
 * A seat's immutable facts, flattened from the layout. `block` is the storage shard within the
 * section (a run of whole rows), so an on-sale burst spreads over several DynamoDB partitions
 * while adjacent seats of one row always share a partition.
 */
export interface SeatPlacement {
  readonly seatId: string;
  readonly sectionId: string;
  readonly rowId: string;
  /** 0 is the front row of the section. */
  readonly rowIndex: number;
  /** Position within its row, 0-based, in physical order (adjacency). */
  readonly positionInRow: number;
  readonly number: number;
  readonly price: Money;
  readonly blocked: boolean;
  readonly block: number;
}

/** A section as stored in the event record. */
export interface SectionSummary {
  readonly sectionId: string;
  readonly name: string;
  readonly price: Money;
  readonly rowCount: number;
  readonly seatCount: number;
  readonly blockCount: number;
}

/** An event as stored: the definition's header, section summaries and the layout's fingerprint. */
export interface StoredEvent {
  readonly eventId: string;
  readonly name: string;
  readonly venue: string;
  readonly saleStartsAt: Date | undefined;
  readonly saleEndsAt: Date | undefined;
  readonly sections: readonly SectionSummary[];
  readonly seatCount: number;
  readonly createdAt: Date;
  /** sha256 of the canonical definition: same layout → same fingerprint (CreateEvent idempotency). */
  readonly layoutFingerprint: string;
}

/** A seat's mutable state, as DynamoDB (the arbiter) stores it. */
export interface SeatState {
  readonly eventId: string;
  readonly seatId: string;
  readonly sectionId: string;
  readonly block: number;
  readonly status: SeatStatus;
  /** Grows by one on every change; lets caches apply updates in order. */
  readonly version: number;
  readonly holdId: string | undefined;
  readonly heldBy: string | undefined;
  readonly holdExpiresAt: Date | undefined;
}

/** The seats one reservation holds. `holdId` is the reservation id chosen by the caller. */
export interface Hold {
  readonly holdId: string;
  readonly eventId: string;
  readonly userId: string;
  readonly status: HoldStatus;
  readonly seats: readonly SeatPlacement[];
  readonly total: Money;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly paymentReference: string | undefined;
  readonly releaseReason: ReleaseReason | undefined;
  /**
   * Fingerprint of the request that created the hold (event, user, selection), so a retry with the
   * same hold id is recognised and a different request reusing it is rejected (HOLD_CONFLICT).
   */
  readonly requestFingerprint: string;
}

/** What a hold asks for: explicit seats, or a quantity for the service to choose. */
export type SeatSelection =
  | { readonly kind: 'seat-ids'; readonly seatIds: readonly string[] }
  | {
      readonly kind: 'best-available';
      readonly quantity: number;
      readonly sectionId: string | undefined;
      /** With no row able to seat the party together, it may sit in two adjacent rows. */
      readonly allowSplit?: boolean;
    };

/** How many seats are in each effective status; `total` includes every seat counted. */
export interface SeatCounts {
  readonly available: number;
  readonly held: number;
  readonly sold: number;
  readonly blocked: number;
  readonly total: number;
}

/**
 * A HoldSeats request as the domain validates it (see `validateHoldRequest`). The ttl is not part
 * of it: a repeat of the same hold returns the existing hold whatever ttl it asks for.
 */
export interface HoldRequest {
  readonly holdId: string;
  readonly eventId: string;
  readonly userId: string;
  readonly selection: SeatSelection;
}
